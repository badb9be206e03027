import APIRuntime
import Foundation

/// The OAuth 2 refresh-token grant used by Partner Center's App+User credentials.
///
/// It posts the refresh token to the token endpoint, caches the access token until shortly
/// before it expires, lets concurrent callers share one refresh, and keeps a rotated refresh
/// token when the endpoint returns one. No secret appears in its description or its errors.
public actor RefreshTokenProvider: ScopedTokenProvider {
    /// The App+User credentials.
    public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// The tenant id or domain the tokens are for.
        public var tenantID: String
        /// The application (client) id.
        public var clientID: String
        /// The application's client secret.
        public var clientSecret: String
        /// The refresh token of a user's sign-in to the application.
        public var refreshToken: String

        /// Creates credentials.
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
    /// The credentials as given, for the providers of other audiences.
    private let givenCredentials: Credentials
    private let endpoint: TokenEndpoint
    private let resource: String
    private let memo: AccessTokenMemo
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date

    /// Creates a provider.
    /// - Parameters:
    ///   - credentials: Tenant, client and refresh token.
    ///   - tokenEndpoint: Default `https://login.microsoftonline.com/{tenant}/oauth2/token`.
    ///   - resource: Default Partner Center's.
    ///   - transport: Sends the token request.
    ///   - refreshMargin: How long before expiry a cached token is renewed (at most half its lifetime).
    ///   - now: The clock, injectable for tests.
    public init(
        credentials: Credentials, tokenEndpoint: URL? = nil, resource: String = RefreshTokenProvider.partnerCenterResource,
        transport: any HTTPTransport = URLSessionHTTPTransport(), refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.givenCredentials = credentials
        self.refreshMargin = refreshMargin
        self.now = now
        let tenant = credentials.tenantID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? credentials.tenantID
        let url = tokenEndpoint ?? URL(string: "https://login.microsoftonline.com/\(tenant)/oauth2/token") ?? URL(fileURLWithPath: "/")
        self.endpoint = TokenEndpoint(url: url, transport: transport)
        self.resource = resource
        self.memo = AccessTokenMemo(margin: refreshMargin, now: now)
    }

    public func token(replacing rejected: String) async throws -> String {
        // Calls that got a 401 together renew once: the first renews, the others get its token.
        try await memo.token(replacing: rejected) { try await self.requestToken() }
    }

    public func token(refresh: Bool) async throws -> String {
        try await memo.token(refresh: refresh) { try await self.requestToken() }
    }

    private init(copying other: RefreshTokenProvider, resource: String) {
        credentials = other.givenCredentials
        givenCredentials = other.givenCredentials
        endpoint = other.endpoint
        self.resource = resource
        refreshMargin = other.refreshMargin
        now = other.now
        memo = AccessTokenMemo(margin: other.refreshMargin, now: other.now)
    }

    /// Tokens for another API with the same credentials: the refresh token redeemed for the
    /// resource `scopes` name (`https://graph.microsoft.com/.default` → `https://graph.microsoft.com`).
    /// It starts from the refresh token as given; Microsoft Entra keeps a refresh token valid
    /// when it issues a rotated one.
    public nonisolated func provider(forScopes scopes: [String]) -> any TokenProvider {
        var resource = scopes.first ?? self.resource
        if let slash = resource.range(of: "/", options: .backwards), resource.distance(from: resource.startIndex, to: slash.lowerBound) > "https://".count {
            resource = String(resource[..<slash.lowerBound])
        }
        return RefreshTokenProvider(copying: self, resource: resource)
    }

    private func requestToken() async throws -> TokenGrant {
        let grant = try await endpoint.grant([
            ("grant_type", "refresh_token"), ("refresh_token", credentials.refreshToken), ("client_id", credentials.clientID),
            ("client_secret", credentials.clientSecret), ("resource", resource),
        ])
        if let rotated = grant.refreshToken {
            credentials.refreshToken = rotated
        }
        return grant
    }
}
