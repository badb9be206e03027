/// Why a device-code sign-in ended without tokens.
public enum SignInError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The code expired before the user entered it (`expired_token`, or the code's `expires_in` passed).
    case expired
    /// The user declined the sign-in (`authorization_declined` or `access_denied`).
    case declined
    /// The device-code endpoint's answer lacks a member RFC 8628 requires, or has a wrong type.
    case malformedAuthorization(String)
    /// The token endpoint issued no refresh token (the `offline_access` scope was not granted).
    case noRefreshToken

    /// One line saying what happened.
    public var description: String {
        switch self {
        case .expired: "the sign-in code expired before it was entered; run the sign-in again and enter the new code sooner"
        case .declined: "the sign-in was declined at the verification page"
        case let .malformedAuthorization(problem): "the device-code endpoint's answer is malformed: \(problem)"
        case .noRefreshToken: "the sign-in issued no refresh token (the offline_access scope was not granted), so it cannot be kept"
        }
    }
}
