import APIRuntime
import Foundation

/// The OAuth 2 device authorization grant (RFC 8628) against a Microsoft identity authority:
/// sign a user in on another device, for a program with no browser of its own.
///
/// ``start()`` asks for a code the user enters at a verification page; ``poll(_:onSlowDown:)``
/// then asks the token endpoint at the code's interval until the user has signed in
/// (`authorization_pending` waits, `slow_down` adds 5 seconds to the interval) and returns the
/// tokens, or throws ``SignInError`` when the code expires or the user declines. Cancelling the
/// task stops it with `APIError` `.cancelled`.
public struct DeviceCodeFlow: Sendable {
    /// A device code and what the user needs to use it. The device code itself is a secret:
    /// it never shows in the description or `dump`.
    public struct Authorization: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// The code the user enters, e.g. `ABCD-EFGH`.
        public let userCode: String
        /// The page where the user enters it, e.g. `https://microsoft.com/devicelogin`.
        public let verificationURI: String
        /// Seconds from issue until the code expires.
        public let lifetime: TimeInterval
        /// The wait between two polls, as the endpoint asked (default 5 seconds).
        public let interval: Duration
        /// The code the client polls with.
        let deviceCode: String

        /// Reads a device-code endpoint's answer.
        init(json: JSONValue) throws(SignInError) {
            guard let deviceCode = json["device_code"]?.stringValue, !deviceCode.isEmpty else { throw .malformedAuthorization("no device_code") }
            guard let userCode = json["user_code"]?.stringValue, !userCode.isEmpty, userCode.count <= 64,
                userCode.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
            else { throw .malformedAuthorization("no user_code of printable characters") }
            guard let uri = (json["verification_uri"] ?? json["verification_url"])?.stringValue, let url = URL(string: uri),
                ["http", "https"].contains(url.scheme?.lowercased() ?? ""), uri.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) })
            else { throw .malformedAuthorization("no http(s) verification_uri") }
            guard let lifetime = TokenGrant.seconds(json["expires_in"]) else { throw .malformedAuthorization("no expires_in") }
            let interval = json["interval"].map { TokenGrant.seconds($0) } ?? 5
            guard let interval else { throw .malformedAuthorization("interval is not a number of seconds") }
            self.deviceCode = deviceCode
            self.userCode = userCode
            self.verificationURI = uri
            self.lifetime = lifetime
            self.interval = .seconds(min(max(interval, 1), 300))
        }

        /// The user code and page; the device code is redacted.
        public var description: String {
            "Authorization(userCode: \(userCode), verificationURI: \(verificationURI), lifetime: \(lifetime), interval: \(interval), deviceCode: <redacted>)"
        }

        public var debugDescription: String { description }

        /// `dump` and debuggers show no device code either.
        public var customMirror: Mirror {
            Mirror(self, children: ["userCode": userCode, "verificationURI": verificationURI, "lifetime": lifetime, "deviceCode": "<redacted>"])
        }
    }

    /// The grant type RFC 8628 names.
    static let grantType = "urn:ietf:params:oauth:grant-type:device_code"

    private let clientID: String
    private let scope: String
    private let deviceCodeEndpoint: TokenEndpoint
    private let tokenEndpoint: TokenEndpoint
    private let sleep: @Sendable (Duration) async throws -> Void
    private let now: @Sendable () -> Date

    /// Creates a flow.
    /// - Parameters:
    ///   - authority: The identity platform, e.g. ``IdentityAuthority/global``.
    ///   - tenant: The tenant id or domain, or `organizations` for any work account.
    ///   - clientID: The application (client) id of a public client registered for Partner Center.
    ///   - scope: Default Partner Center's delegated permission with `offline_access`.
    ///   - transport: Sends the requests.
    ///   - sleep: Waits between polls; injectable so tests need not wait.
    ///   - now: The clock, for the code's expiry.
    public init(
        authority: IdentityAuthority, tenant: String, clientID: String, scope: String = IdentityAuthority.partnerCenterUserScope,
        transport: any HTTPTransport = URLSessionHTTPTransport(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.clientID = clientID
        self.scope = scope
        self.deviceCodeEndpoint = TokenEndpoint(url: authority.deviceCodeEndpoint(tenant: tenant), transport: transport)
        self.tokenEndpoint = TokenEndpoint(url: authority.tokenEndpoint(tenant: tenant), transport: transport)
        self.sleep = sleep
        self.now = now
    }

    /// Asks for a device code.
    /// - Throws: `APIError` (`.tokenRefused` when the endpoint refuses, e.g. an unknown
    ///   client id), or ``SignInError/malformedAuthorization(_:)``.
    public func start() async throws -> Authorization {
        try Authorization(json: try await deviceCodeEndpoint.post([("client_id", clientID), ("scope", scope)]))
    }

    /// Polls the token endpoint until the user has signed in with `authorization`'s code.
    /// - Parameters:
    ///   - authorization: From ``start()``.
    ///   - onSlowDown: Called with the new interval when the endpoint asks to poll more slowly.
    /// - Returns: The tokens: an access token, a refresh token (with `offline_access`) and
    ///   usually an id token.
    /// - Throws: ``SignInError/expired`` or ``SignInError/declined``; `APIError` `.cancelled`
    ///   when the task is cancelled, or the endpoint's other refusals and transport failures.
    public func poll(_ authorization: Authorization, onSlowDown: @Sendable (Duration) -> Void = { _ in }) async throws -> TokenGrant {
        let deadline = now().addingTimeInterval(authorization.lifetime)
        var interval = authorization.interval
        let form = [("grant_type", Self.grantType), ("client_id", clientID), ("device_code", authorization.deviceCode)]
        while true {
            do {
                try await sleep(interval)
            } catch {
                throw APIError(.cancelled)
            }
            guard now() < deadline else { throw SignInError.expired }
            do {
                return try await tokenEndpoint.grant(form)
            } catch {
                guard case let .tokenRefused(_, body) = error.kind else { throw error }
                switch body?.code {
                case "authorization_pending": continue
                case "slow_down":
                    interval += .seconds(5)
                    onSlowDown(interval)
                case "expired_token": throw SignInError.expired
                case "authorization_declined", "access_denied": throw SignInError.declined
                default: throw error
                }
            }
        }
    }
}
