/// How the stub's identity endpoints (`/{tenant}/oauth2/v2.0/devicecode` and `…/token`)
/// answer a device-code sign-in: the answers to the first polls, then the outcome.
public struct SignInBehaviour: Sendable, Hashable {
    /// An answer to a poll before the user has finished.
    public enum Wait: Sendable, Hashable {
        /// `authorization_pending`: not yet.
        case pending
        /// `slow_down`: not yet, and poll 5 seconds less often.
        case slowDown
    }

    /// How the sign-in ends once the waits are answered.
    public enum Outcome: Sendable, Hashable {
        /// Tokens: an access token, a refresh token and an id token.
        case approved
        /// `authorization_declined`: the user said no.
        case declined
        /// `expired_token`: the user never entered the code.
        case expired
    }

    /// The answers to the first polls, in order.
    public var waits: [Wait]
    /// How the sign-in ends after the waits.
    public var outcome: Outcome
    /// The `interval` the device-code answer asks for, in seconds.
    public var interval: Int
    /// The `expires_in` of every access token issued, in seconds.
    public var accessTokenLifetime: Int
    /// The `preferred_username` of the id token.
    public var username: String

    /// Two pending polls, then tokens: what a user who takes a moment to sign in sees.
    public init(
        waits: [Wait] = [.pending, .pending], outcome: Outcome = .approved, interval: Int = 1, accessTokenLifetime: Int = 3600,
        username: String = "demo.admin@contoso.onmicrosoft.com"
    ) {
        self.waits = waits
        self.outcome = outcome
        self.interval = interval
        self.accessTokenLifetime = accessTokenLifetime
        self.username = username
    }
}
