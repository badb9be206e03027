/// The environment variables the CLI reads.
enum Variable {
    static let token = "PARTNER_CENTER_TOKEN"
    static let tenantID = "PARTNER_CENTER_TENANT_ID"
    static let clientID = "PARTNER_CENTER_CLIENT_ID"
    static let clientSecret = "PARTNER_CENTER_CLIENT_SECRET"
    static let refreshToken = "PARTNER_CENTER_REFRESH_TOKEN"
    /// `app` for app-only credentials (the client-credentials grant).
    static let auth = "PARTNER_CENTER_AUTH"
    static let authority = "PARTNER_CENTER_AUTHORITY"
    static let baseURL = "PARTNER_CENTER_BASE_URL"
    static let tokenEndpoint = "PARTNER_CENTER_TOKEN_ENDPOINT"
    /// For tests: a factor in (0, 1] applied to every wait between sign-in polls.
    static let loginPollScale = "PARTNER_CENTER_LOGIN_POLL_SCALE"

    /// `PARTNER_CENTER_<API>_BASE_URL`: another base URL for the spec's API `api` (`Graph`).
    static func baseURL(of api: String) -> String { "PARTNER_CENTER_\(api.uppercased())_BASE_URL" }
    /// `PARTNER_CENTER_<API>_TOKEN`: an access token for the spec's API `api`.
    static func token(of api: String) -> String { "PARTNER_CENTER_\(api.uppercased())_TOKEN" }

    /// The value of `name` in `environment`; nil when unset or empty.
    static func value(_ name: String, in environment: [String: String]) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}
