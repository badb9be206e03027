import APIRuntime
import Foundation

/// What a token endpoint issued: an access token, and with a user's sign-in a refresh token
/// and an id token. Its description and `dump` show no token.
public struct TokenGrant: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bearer token for the API.
    public var accessToken: String
    /// Seconds the access token lives from when it was issued (`expires_in`, default 3600).
    public var lifetime: TimeInterval
    /// A new refresh token, when the endpoint rotated it or the grant issues one.
    public var refreshToken: String?
    /// Seconds the refresh token lives, when the endpoint says (`refresh_token_expires_in`).
    public var refreshTokenLifetime: TimeInterval?
    /// The OpenID Connect id token, when the endpoint sent one (it names the user).
    public var idToken: String?

    /// Creates a grant.
    public init(accessToken: String, lifetime: TimeInterval, refreshToken: String? = nil, refreshTokenLifetime: TimeInterval? = nil, idToken: String? = nil) {
        self.accessToken = accessToken
        self.lifetime = lifetime
        self.refreshToken = refreshToken
        self.refreshTokenLifetime = refreshTokenLifetime
        self.idToken = idToken
    }

    /// Reads a token endpoint's success answer; nil when it holds no access token.
    init?(json: JSONValue) {
        guard let token = json["access_token"]?.stringValue, !token.isEmpty else { return nil }
        accessToken = token
        lifetime = Self.seconds(json["expires_in"]) ?? 3600
        refreshToken = json["refresh_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        refreshTokenLifetime = Self.seconds(json["refresh_token_expires_in"])
        idToken = json["id_token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A duration in seconds, which endpoints send as a number or as a string of digits.
    static func seconds(_ value: JSONValue?) -> Double? {
        let seconds: Double? =
            switch value {
            case let .number(number)?: number.doubleValue
            case let .string(text)?: Double(text)
            default: nil
            }
        return seconds.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
    }

    /// Names the fields present, never their values.
    public var description: String {
        "TokenGrant(accessToken: <redacted>, lifetime: \(lifetime), refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"), idToken: \(idToken == nil ? "nil" : "<redacted>"))"
    }

    public var debugDescription: String { description }

    /// `dump` and debuggers show no token either.
    public var customMirror: Mirror {
        Mirror(self, children: ["accessToken": "<redacted>", "lifetime": lifetime, "refreshToken": refreshToken == nil ? "nil" : "<redacted>"])
    }
}
