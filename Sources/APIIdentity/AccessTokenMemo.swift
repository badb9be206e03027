import Foundation

/// An access token kept until shortly before it expires, renewed once for all the callers
/// that ask at the same time: the shared part of the token providers that run a grant.
actor AccessTokenMemo: CustomReflectable {
    private let margin: TimeInterval
    private let now: @Sendable () -> Date
    private var cached: (token: String, expires: Date)?
    private var inFlight: Task<String, any Error>?

    /// - Parameters:
    ///   - margin: How long before expiry a token is renewed; at most half its lifetime.
    ///   - now: The clock.
    init(margin: Duration, now: @escaping @Sendable () -> Date) {
        self.margin = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        self.now = now
    }

    /// `dump` of a provider reaches its memo: it shows no token.
    nonisolated var customMirror: Mirror { Mirror(self, children: ["token": "<redacted>"]) }

    /// The kept token, unless `refresh` or it is about to expire; then `renew`'s.
    func token(refresh: Bool, renew: @escaping @Sendable () async throws -> TokenGrant) async throws -> String {
        if !refresh, let cached, cached.expires > now() { return cached.token }
        if let inFlight { return try await inFlight.value }
        let task = Task {
            let grant = try await renew()
            self.keep(grant)
            return grant.accessToken
        }
        inFlight = task
        defer { inFlight = nil }
        return try await task.value
    }

    /// A token other than `rejected`: one another caller already renewed, or a new one.
    func token(replacing rejected: String, renew: @escaping @Sendable () async throws -> TokenGrant) async throws -> String {
        if let cached, cached.token != rejected, cached.expires > now() { return cached.token }
        return try await token(refresh: true, renew: renew)
    }

    /// Keeps `grant`'s token until `margin` (or half its lifetime) before it expires.
    private func keep(_ grant: TokenGrant) {
        cached = (grant.accessToken, now().addingTimeInterval(grant.lifetime - min(margin, grant.lifetime / 2)))
    }
}
