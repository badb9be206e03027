/// Supplies bearer tokens for the `Authorization` header.
public protocol TokenProvider: Sendable {
    /// A token to send. After a 401 the client asks once more with `refresh: true`, and a
    /// provider that can renew its token should then return a fresh one.
    func token(refresh: Bool) async throws -> String

    /// A token to use instead of `rejected`, which the server refused with a 401. A provider
    /// that several calls share can return a token another call already renewed, instead of
    /// renewing once per call. Default: `token(refresh: true)`.
    func token(replacing rejected: String) async throws -> String

    /// Whether asking again with `refresh: true` can give a different token. A fixed token
    /// cannot, so a 401 is not retried for it. Default: true.
    var canRefresh: Bool { get }

    /// Whether its tokens are app-only (an application's own identity, no user): then a 401
    /// or 403 carries the hint that the operation may need App+User credentials. Default: false.
    var isAppOnly: Bool { get }
}

extension TokenProvider {
    public var canRefresh: Bool { true }

    public var isAppOnly: Bool { false }

    public func token(replacing rejected: String) async throws -> String {
        try await token(refresh: true)
    }
}

/// A token provider that gets tokens for other audiences from the same credentials: a kept
/// sign-in's refresh token redeemed for another API's scopes, the client-credentials grant
/// with another scope. A client whose spec has other APIs (`apis:`) asks it once per API.
public protocol ScopedTokenProvider: TokenProvider {
    /// A provider of tokens for `scopes` (e.g. `["https://graph.microsoft.com/.default"]`).
    func provider(forScopes scopes: [String]) -> any TokenProvider
}
