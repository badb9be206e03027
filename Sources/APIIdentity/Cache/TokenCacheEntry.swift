import Foundation

extension TokenCache {
    /// Which sign-in: the authority, the tenant asked for and the application's client id.
    public struct Key: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The authority's URL, e.g. `https://login.microsoftonline.com`.
        public var authority: String
        /// The tenant as given at sign-in (an id, a domain or `organizations`).
        public var tenant: String
        /// The application (client) id.
        public var clientID: String

        /// The key of a sign-in at `authority` to `tenant` with the application `clientID`.
        public init(authority: IdentityAuthority, tenant: String, clientID: String) {
            self.authority = authority.url.absoluteString
            self.tenant = tenant
            self.clientID = clientID
        }

        /// Names the three parts.
        public var description: String { "tenant \(tenant), client \(clientID), authority \(authority)" }
    }

    /// One stored sign-in: its refresh token, the last access token, and whom they are for.
    /// Its description and `dump` show no token.
    public struct SignIn: Sendable, Equatable, Codable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        /// Which sign-in this is.
        public let key: Key
        /// Who signed in, from the tokens' claims.
        public private(set) var account: SignedInAccount
        /// When the user signed in.
        public let signedInOn: Date
        /// When the refresh token was issued (at sign-in, or rotated since).
        public private(set) var refreshTokenIssuedOn: Date
        /// When the refresh token expires, if the endpoint said.
        public private(set) var refreshTokenExpiresOn: Date?
        /// When the last access token expires.
        public private(set) var accessTokenExpiresOn: Date?
        var refreshToken: String
        var accessToken: String?
        /// Access tokens for other audiences (another API's scopes, e.g. Microsoft Graph's),
        /// redeemed with the same refresh token, by the scopes they were asked with.
        var otherAccessTokens: [String: OtherAccessToken]?

        /// An access token for another audience, and when it expires.
        struct OtherAccessToken: Sendable, Equatable, Codable {
            var token: String
            var expiresOn: Date
        }

        /// The sign-in `grant` completed at `date`.
        /// - Throws: ``SignInError/noRefreshToken`` when the grant holds none.
        public init(key: Key, grant: TokenGrant, at date: Date) throws(SignInError) {
            guard let refreshToken = grant.refreshToken else { throw .noRefreshToken }
            let date = Self.wholeSeconds(date)
            self.key = key
            self.account = SignedInAccount(grant: grant)
            self.signedInOn = date
            self.refreshToken = refreshToken
            self.refreshTokenIssuedOn = date
            record(grant, at: date)
        }

        /// Keeps the tokens of `grant`, issued at `date`: its access token, and its refresh
        /// token when it rotated it.
        /// - Parameter audience: The scopes of another audience the access token is for; nil
        ///   for the sign-in's own.
        mutating func record(_ grant: TokenGrant, at date: Date, audience: String? = nil) {
            let date = Self.wholeSeconds(date)
            if let audience {
                otherAccessTokens = (otherAccessTokens ?? [:]).merging(
                    [audience: OtherAccessToken(token: grant.accessToken, expiresOn: date.addingTimeInterval(grant.lifetime))]
                ) { $1 }
            } else {
                accessToken = grant.accessToken
                accessTokenExpiresOn = date.addingTimeInterval(grant.lifetime)
            }
            if let rotated = grant.refreshToken {
                refreshToken = rotated
                refreshTokenIssuedOn = date
                refreshTokenExpiresOn = grant.refreshTokenLifetime.map { date.addingTimeInterval($0) }
            }
            let claimed = SignedInAccount(grant: grant)
            if !claimed.isEmpty { account = claimed }
        }

        /// `date` without its fraction of a second, as the file keeps it.
        private static func wholeSeconds(_ date: Date) -> Date {
            Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        }

        /// The stored access token when it is still good for longer than `margin` at `date`.
        /// - Parameter audience: The scopes of another audience; nil for the sign-in's own.
        func accessToken(at date: Date, margin: TimeInterval, audience: String? = nil) -> (token: String, lifetime: TimeInterval)? {
            let stored = audience.map { otherAccessTokens?[$0].map { ($0.token, $0.expiresOn) } } ?? accessToken.flatMap { token in
                accessTokenExpiresOn.map { (token, $0) }
            }
            guard let (token, expiresOn) = stored else { return nil }
            let lifetime = expiresOn.timeIntervalSince(date)
            return lifetime > margin ? (token, lifetime) : nil
        }

        /// The audiences (other than the sign-in's own) it holds an access token for, with
        /// when each expires: for `login --status`.
        public var otherAudiences: [(scopes: String, expiresOn: Date)] {
            (otherAccessTokens ?? [:]).map { ($0.key, $0.value.expiresOn) }.sorted { $0.scopes < $1.scopes }
        }

        /// Names the key, the account and the dates; never a token.
        public var description: String {
            "SignIn(\(key), username: \(account.username ?? "unknown"), refreshToken: <redacted>, accessToken: <redacted>)"
        }

        public var debugDescription: String { description }

        /// `dump` and debuggers show no token either.
        public var customMirror: Mirror {
            Mirror(self, children: [
                "key": key, "account": account, "signedInOn": signedInOn, "refreshToken": "<redacted>", "accessToken": "<redacted>",
            ])
        }
    }
}
