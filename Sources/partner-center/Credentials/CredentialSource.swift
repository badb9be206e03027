import Foundation
import PartnerCenter

/// Where a command's credentials come from, first match wins: `PARTNER_CENTER_TOKEN`; then
/// app-only credentials (`PARTNER_CENTER_AUTH=app`) or the App+User variables; then the
/// sign-in kept by `partner-center login`; else none (demo mode, without a base URL).
enum CredentialSource {
    /// `PARTNER_CENTER_TOKEN`.
    case token(String)
    /// The four App+User variables, for the refresh-token grant.
    case appUser(RefreshTokenProvider.Credentials, tokenEndpoint: URL?)
    /// `PARTNER_CENTER_AUTH=app`: the client-credentials grant.
    case appOnly(ClientCredentialsProvider.Credentials, authority: IdentityAuthority, tokenEndpoint: URL?)
    /// A sign-in in the token cache.
    case cache(TokenCache, TokenCache.SignIn)
    /// No credentials.
    case none

    /// The App+User variables.
    private static let appUserVariables = [Variable.tenantID, Variable.clientID, Variable.clientSecret, Variable.refreshToken]

    /// The source `environment` names.
    /// - Throws: `UsageError` for incomplete or contradictory variables, `TokenCacheError`
    ///   when the cache is unsafe or corrupt.
    static func resolve(_ environment: [String: String]) throws -> CredentialSource {
        let value = { Variable.value($0, in: environment) }
        if let token = value(Variable.token) { return .token(token) }
        let endpoint = value(Variable.tokenEndpoint).flatMap(URL.init(string:))
        switch value(Variable.auth)?.lowercased() {
        case "app"?:
            let names = [Variable.tenantID, Variable.clientID, Variable.clientSecret]
            guard let tenant = value(Variable.tenantID), let client = value(Variable.clientID), let secret = value(Variable.clientSecret) else {
                throw UsageError("app-only credentials (\(Variable.auth)=app) need \(names.filter { value($0) == nil }.joined(separator: ", ")) too.")
            }
            return .appOnly(.init(tenantID: tenant, clientID: client, clientSecret: secret), authority: try authority(environment), tokenEndpoint: endpoint)
        case nil, "user"?:
            break
        case let other?:
            throw UsageError("\(Variable.auth) must be 'app' (app-only credentials) or 'user', got '\(other)'.")
        }
        if value(Variable.clientSecret) != nil || value(Variable.refreshToken) != nil {
            guard let tenant = value(Variable.tenantID), let client = value(Variable.clientID), let secret = value(Variable.clientSecret),
                let refresh = value(Variable.refreshToken)
            else { throw UsageError("incomplete App+User credentials: also set \(missingAppUserVariables(environment)).") }
            return .appUser(.init(tenantID: tenant, clientID: client, clientSecret: secret, refreshToken: refresh), tokenEndpoint: endpoint)
        }
        // Without a home there is no cache to read.
        let cache = try? TokenCache.partnerCenter(environment)
        if let cache, let signIn = try keptSignIn(in: cache, environment) {
            return .cache(cache, signIn)
        }
        if value(Variable.tenantID) != nil || value(Variable.clientID) != nil {
            throw UsageError("""
                incomplete App+User credentials: also set \(missingAppUserVariables(environment)), \
                or sign in with partner-center login (no sign-in kept matches \(Variable.tenantID) and \(Variable.clientID)).
                """)
        }
        return .none
    }

    /// The kept sign-in that the given options, else `PARTNER_CENTER_AUTHORITY`,
    /// `PARTNER_CENTER_TENANT_ID` and `PARTNER_CENTER_CLIENT_ID`, select: the most recent one
    /// of those that match.
    static func keptSignIn(
        in cache: TokenCache, _ environment: [String: String], authority: String? = nil, tenant: String? = nil, clientID: String? = nil
    ) throws -> TokenCache.SignIn? {
        let authorityText = authority ?? Variable.value(Variable.authority, in: environment)
        return try cache.latestSignIn(
            authority: try authorityText.map { try Self.authority(environment, option: $0) },
            tenant: tenant ?? Variable.value(Variable.tenantID, in: environment),
            clientID: clientID ?? Variable.value(Variable.clientID, in: environment)
        )
    }

    /// `--authority`'s or `PARTNER_CENTER_AUTHORITY`'s authority, else the global one.
    static func authority(_ environment: [String: String], option: String? = nil) throws -> IdentityAuthority {
        guard let text = option ?? Variable.value(Variable.authority, in: environment) else { return .global }
        do {
            return try IdentityAuthority(text)
        } catch {
            throw UsageError("\(error).")
        }
    }

    private static func missingAppUserVariables(_ environment: [String: String]) -> String {
        appUserVariables.filter { Variable.value($0, in: environment) == nil }.joined(separator: ", ")
    }

    /// The token provider for the source; nil for none.
    func tokenProvider() throws -> (any TokenProvider)? {
        switch self {
        case let .token(token): return StaticTokenProvider(token)
        case let .appUser(credentials, endpoint): return RefreshTokenProvider(credentials: credentials, tokenEndpoint: endpoint)
        case let .appOnly(credentials, authority, endpoint):
            return ClientCredentialsProvider(credentials: credentials, authority: authority, tokenEndpoint: endpoint)
        case let .cache(cache, signIn):
            do {
                return KeptSignInTokens(provider: try CachedTokenProvider(cache: cache, key: signIn.key))
            } catch {
                throw UsageError("the sign-in in \(cache.path) names \(error); sign in again with partner-center login.")
            }
        case .none: return nil
        }
    }

    /// One line naming the source, for `login --status`; never a secret.
    var summary: String {
        switch self {
        case .token: "\(Variable.token) (an access token from the environment)"
        case let .appUser(credentials, _): "App+User variables (\(Variable.refreshToken) for client \(credentials.clientID) in tenant \(credentials.tenantID))"
        case let .appOnly(credentials, _, _): "app-only credentials (\(Variable.auth)=app: client \(credentials.clientID) in tenant \(credentials.tenantID))"
        case let .cache(cache, _): "the sign-in kept in \(cache.path)"
        case .none: "none (commands without a base URL use the demo stub)"
        }
    }
}
