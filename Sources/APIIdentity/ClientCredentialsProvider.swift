import APIRuntime
import Foundation

/// App-only tokens from the OAuth 2 client-credentials grant: an application's own identity,
/// with no user.
///
/// Partner Center accepts app-only tokens for few operations (most are "App+User only"), so
/// the client adds that hint to a 401 or 403 it gets with one (``isAppOnly``).
/// No secret appears in its description or its errors.
public actor ClientCredentialsProvider: ScopedTokenProvider, CustomStringConvertible {
    /// The application's credentials.
    public struct Credentials: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// The tenant id or domain the application gets tokens for.
        public var tenantID: String
        /// The application (client) id.
        public var clientID: String
        /// The application's client secret.
        public var clientSecret: String

        /// Creates credentials.
        public init(tenantID: String, clientID: String, clientSecret: String) {
            self.tenantID = tenantID
            self.clientID = clientID
            self.clientSecret = clientSecret
        }

        /// Names the tenant and client only.
        public var description: String { "Credentials(tenantID: \(tenantID), clientID: \(clientID), clientSecret: <redacted>)" }
        public var debugDescription: String { description }

        /// `dump` and debuggers show no secret either.
        public var customMirror: Mirror {
            Mirror(self, children: ["tenantID": tenantID, "clientID": clientID, "clientSecret": "<redacted>"])
        }
    }

    private let credentials: Credentials
    private let endpoint: TokenEndpoint
    private let scope: String
    private let memo: AccessTokenMemo
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date

    /// Creates a provider.
    /// - Parameters:
    ///   - credentials: Tenant, client id and client secret.
    ///   - authority: The identity platform; its v2.0 token endpoint for the tenant is used.
    ///   - tokenEndpoint: Another token endpoint, replacing the authority's.
    ///   - scope: Default Partner Center's `.default` scope.
    ///   - transport: Sends the token request.
    ///   - refreshMargin: How long before expiry a token is renewed (at most half its lifetime).
    ///   - now: The clock, injectable for tests.
    public init(
        credentials: Credentials, authority: IdentityAuthority = .global, tokenEndpoint: URL? = nil,
        scope: String = IdentityAuthority.partnerCenterAppScope, transport: any HTTPTransport = URLSessionHTTPTransport(),
        refreshMargin: Duration = .seconds(300), now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.credentials = credentials
        self.endpoint = TokenEndpoint(url: tokenEndpoint ?? authority.tokenEndpoint(tenant: credentials.tenantID), transport: transport)
        self.scope = scope
        self.memo = AccessTokenMemo(margin: refreshMargin, now: now)
        self.refreshMargin = refreshMargin
        self.now = now
    }

    private init(copying other: ClientCredentialsProvider, scope: String) {
        credentials = other.credentials
        endpoint = other.endpoint
        self.scope = scope
        refreshMargin = other.refreshMargin
        now = other.now
        memo = AccessTokenMemo(margin: other.refreshMargin, now: other.now)
    }

    /// Tokens for `scopes` (another API's `.default`) with the same credentials.
    public nonisolated func provider(forScopes scopes: [String]) -> any TokenProvider {
        ClientCredentialsProvider(copying: self, scope: scopes.joined(separator: " "))
    }

    public func token(refresh: Bool) async throws -> String {
        try await memo.token(refresh: refresh) { try await self.requestToken() }
    }

    public func token(replacing rejected: String) async throws -> String {
        try await memo.token(replacing: rejected) { try await self.requestToken() }
    }

    /// Its tokens carry no user.
    public nonisolated var isAppOnly: Bool { true }

    /// Names the tenant and client only.
    public nonisolated var description: String { "ClientCredentialsProvider(\(credentials))" }

    private func requestToken() async throws -> TokenGrant {
        try await endpoint.grant([
            ("grant_type", "client_credentials"), ("client_id", credentials.clientID), ("client_secret", credentials.clientSecret),
            ("scope", scope),
        ])
    }
}
