import APIRuntime
import Foundation

/// Access tokens for a sign-in kept in a ``TokenCache``: the one `partner-center login`
/// stores, so that programs share it.
///
/// It uses the stored access token while it is good for longer than the margin, else runs
/// the refresh-token grant with the stored refresh token at the sign-in's authority and
/// stores what it gets, the rotated refresh token included. Refreshing happens under the
/// cache's lock: processes that refresh at the same time take turns, and the second uses the
/// first one's tokens, never a refresh token the first has already spent.
public actor CachedTokenProvider: ScopedTokenProvider, CustomStringConvertible {
    /// The hint of the `APIError` (`.tokenRefused`) thrown when the token endpoint no longer
    /// honours the stored refresh token (expired, revoked, or spent elsewhere): a program can
    /// recognise it and name its own way to sign in again.
    public static let staleSignInHint = "the stored sign-in no longer works: sign in again"

    /// The sign-in used.
    public nonisolated let key: TokenCache.Key
    private let cache: TokenCache
    private let endpoint: TokenEndpoint
    private let scope: String
    /// The scopes of another audience its tokens are for (kept apart in the cache), or nil
    /// for the sign-in's own.
    private let audience: String?
    private let transport: any HTTPTransport
    private let refreshMargin: Duration
    private let margin: TimeInterval
    private let now: @Sendable () -> Date
    private let memo: AccessTokenMemo

    /// Creates a provider for the sign-in `key` of `cache`.
    /// - Parameters:
    ///   - cache: Where the sign-in is kept.
    ///   - key: Which one; its authority's v2.0 token endpoint is asked for new tokens.
    ///   - scope: Default Partner Center's delegated permission with `offline_access`.
    ///   - transport: Sends the token requests.
    ///   - refreshMargin: How long before expiry an access token is renewed.
    ///   - now: The clock, injectable for tests.
    /// - Throws: ``IdentityAuthority/InvalidURL`` when the key's authority is not one.
    public init(
        cache: TokenCache, key: TokenCache.Key, scope: String = IdentityAuthority.partnerCenterUserScope,
        transport: any HTTPTransport = URLSessionHTTPTransport(), refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws(IdentityAuthority.InvalidURL) {
        try self.init(cache: cache, key: key, scope: scope, audience: nil, transport: transport, refreshMargin: refreshMargin, now: now)
    }

    private init(
        cache: TokenCache, key: TokenCache.Key, scope: String, audience: String?, transport: any HTTPTransport, refreshMargin: Duration,
        now: @escaping @Sendable () -> Date
    ) throws(IdentityAuthority.InvalidURL) {
        self.key = key
        self.cache = cache
        self.endpoint = TokenEndpoint(url: try IdentityAuthority(key.authority).tokenEndpoint(tenant: key.tenant), transport: transport)
        self.scope = scope
        self.audience = audience
        self.transport = transport
        self.refreshMargin = refreshMargin
        self.margin = Double(refreshMargin.components.seconds)
        self.now = now
        self.memo = AccessTokenMemo(margin: refreshMargin, now: now)
    }

    public func token(refresh: Bool) async throws -> String {
        try await memo.token(refresh: refresh) { try await self.renew(replacing: nil, force: refresh) }
    }

    public func token(replacing rejected: String) async throws -> String {
        try await memo.token(replacing: rejected) { try await self.renew(replacing: rejected, force: false) }
    }

    /// Names the sign-in only.
    public nonisolated var description: String { "CachedTokenProvider(\(key))" }

    /// Tokens for `scopes` from the same sign-in: its refresh token redeemed for them, each
    /// access token kept in the cache beside the sign-in's own.
    public nonisolated func provider(forScopes scopes: [String]) -> any TokenProvider {
        let audience = scopes.joined(separator: " ")
        // The key's authority was read once already: this cannot fail.
        return (try? CachedTokenProvider(
            cache: cache, key: key, scope: audience + " offline_access", audience: audience, transport: transport, refreshMargin: refreshMargin,
            now: now
        )) ?? self
    }

    /// Under the cache's lock: the stored access token if it is still good (and not
    /// `rejected`), else a new one from the refresh-token grant, stored with the rotated
    /// refresh token.
    private func renew(replacing rejected: String?, force: Bool) async throws -> TokenGrant {
        let key = key, endpoint = endpoint, scope = scope, audience = audience, margin = margin, now = now
        return try await cache.update { signIns in
            guard let index = signIns.firstIndex(where: { $0.key == key }) else { throw TokenCacheError.notSignedIn(key) }
            if !force, let stored = signIns[index].accessToken(at: now(), margin: margin, audience: audience), stored.token != rejected {
                return TokenGrant(accessToken: stored.token, lifetime: stored.lifetime)
            }
            let grant: TokenGrant
            do throws(APIError) {
                grant = try await endpoint.grant([
                    ("grant_type", "refresh_token"), ("client_id", key.clientID), ("refresh_token", signIns[index].refreshToken), ("scope", scope),
                ])
            } catch {
                var failure = error
                if case .tokenRefused = error.kind { failure.hint = Self.staleSignInHint }
                throw failure
            }
            signIns[index].record(grant, at: now(), audience: audience)
            return grant
        }
    }
}
