import Foundation

/// The OAuth 2 refresh-token grant used by Partner Center's App+User credentials.
///
/// It posts the refresh token to the token endpoint, caches the access token until shortly
/// before it expires, lets concurrent callers share one refresh, and keeps a rotated refresh
/// token when the endpoint returns one. No secret appears in its description or its errors.
public actor RefreshTokenProvider: TokenProvider {
    /// The App+User credentials.
    public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        public var tenantID: String
        public var clientID: String
        public var clientSecret: String
        public var refreshToken: String

        public init(tenantID: String, clientID: String, clientSecret: String, refreshToken: String) {
            self.tenantID = tenantID
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.refreshToken = refreshToken
        }

        /// Names the tenant and client only.
        public var description: String {
            "Credentials(tenantID: \(tenantID), clientID: \(clientID), clientSecret: <redacted>, refreshToken: <redacted>)"
        }

        public var debugDescription: String { description }

        /// `dump` and debuggers show no secret either.
        public var customMirror: Mirror {
            Mirror(self, children: ["tenantID": tenantID, "clientID": clientID, "clientSecret": "<redacted>", "refreshToken": "<redacted>"])
        }
    }

    /// Partner Center's resource identifier, sent as `resource`.
    public static let partnerCenterResource = "https://api.partnercenter.microsoft.com"

    private var credentials: Credentials
    private let tokenEndpoint: URL
    private let resource: String
    private let transport: any HTTPTransport
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private var cached: (token: String, expires: Date)?
    private var inFlight: Task<String, any Error>?

    /// Creates a provider.
    /// - Parameters:
    ///   - credentials: Tenant, client and refresh token.
    ///   - tokenEndpoint: Default `https://login.microsoftonline.com/{tenant}/oauth2/token`.
    ///   - resource: Default Partner Center's.
    ///   - transport: Sends the token request.
    ///   - refreshMargin: How long before expiry a cached token is renewed.
    ///   - now: The clock, injectable for tests.
    public init(
        credentials: Credentials, tokenEndpoint: URL? = nil, resource: String = RefreshTokenProvider.partnerCenterResource,
        transport: any HTTPTransport = URLSessionTransport(), refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        let tenant = credentials.tenantID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? credentials.tenantID
        self.tokenEndpoint = tokenEndpoint ?? URL(string: "https://login.microsoftonline.com/\(tenant)/oauth2/token") ?? URL(fileURLWithPath: "/")
        self.resource = resource
        self.transport = transport
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func token(replacing rejected: String) async throws -> String {
        // Calls that got a 401 together renew once: the first renews, the others get its token.
        if let cached, cached.token != rejected, cached.expires > now() { return cached.token }
        return try await token(refresh: true)
    }

    public func token(refresh: Bool) async throws -> String {
        if !refresh, let cached, cached.expires > now() { return cached.token }
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.requestToken() }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    private func requestToken() async throws -> String {
        let form = [
            ("grant_type", "refresh_token"), ("refresh_token", credentials.refreshToken), ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret), ("resource", resource),
        ].map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let request = HTTPRequest(
            method: "POST", url: tokenEndpoint,
            headers: [HTTPHeader(name: "Content-Type", value: "application/x-www-form-urlencoded"), HTTPHeader(name: "Accept", value: "application/json")],
            body: Data(form.utf8), timeout: .seconds(30)
        )
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw APIError(.transport("the token endpoint cannot be reached: \(Redaction.redact("\(error)"))"))
        }
        let json = try? JSONParser.parse(response.body)
        guard (200...299).contains(response.status), let token = json?["access_token"]?.stringValue, !token.isEmpty else {
            // The endpoint may echo what it was sent: remove the secrets by value, not only after a marker.
            let text = Redaction.redact(scrub(String(decoding: response.body.prefix(500), as: UTF8.self)))
            var error = APIError(.tokenRefused(response.status, APIErrorBody(json: json.map { scrub(Self.withoutSecrets($0)) }, text: text)))
            error.status = response.status
            error.operationID = "token"
            throw error
        }
        if let rotated = json?["refresh_token"]?.stringValue, !rotated.isEmpty {
            credentials.refreshToken = rotated
        }
        let lifetime = Self.seconds(json?["expires_in"]) ?? 3600
        let margin = Double(refreshMargin.components.seconds)
        cached = (token, now().addingTimeInterval(max(0, lifetime - margin)))
        return token
    }

    /// `expires_in` arrives as a number or as a string of digits.
    private static func seconds(_ value: JSONValue?) -> Double? {
        switch value {
        case let .number(number)?: number.doubleValue
        case let .string(text)?: Double(text)
        default: nil
        }
    }

    /// `text` with the client secret and refresh token (plain or form-encoded) replaced by `<redacted>`.
    private func scrub(_ text: String) -> String {
        let secrets = [credentials.clientSecret, credentials.refreshToken].filter { !$0.isEmpty }
            .flatMap { [$0, Self.formEncode($0)] }.sorted { $0.count > $1.count }
        return secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
    }

    /// Every string (and key) of `json` scrubbed of the secrets.
    private func scrub(_ json: JSONValue) -> JSONValue {
        switch json {
        case let .string(text): .string(scrub(text))
        case let .array(items): .array(items.map { scrub($0) })
        case let .object(members): .object(Dictionary(members.map { (scrub($0.key), scrub($0.value)) }, uniquingKeysWith: { first, _ in first }))
        default: json
        }
    }

    /// An error body with token fields removed.
    private static func withoutSecrets(_ json: JSONValue) -> JSONValue {
        guard case var .object(members) = json else { return json }
        for key in ["access_token", "refresh_token", "id_token"] { members[key] = nil }
        return .object(members)
    }

    private static let formAllowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: formAllowed) ?? ""
    }
}
