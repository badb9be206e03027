import ArgumentParser
import Foundation
import PartnerCenter

/// Which sign-in `login` makes and `logout` removes: tenant, application and authority.
struct SignInOptions: ParsableArguments {
    @Option(name: .long, help: "The tenant id or domain, or 'organizations' for any work account (default: PARTNER_CENTER_TENANT_ID; login without either: organizations).")
    var tenant: String?

    @Option(name: .customLong("client-id"), help: "The application (client) id of your Partner Center app registration (default: PARTNER_CENTER_CLIENT_ID).")
    var clientID: String?

    @Option(name: .long, help: "The identity platform (default: PARTNER_CENTER_AUTHORITY, else https://login.microsoftonline.com; Azure China: https://login.chinacloudapi.cn).")
    var authority: String?

    /// The tenant to sign in to.
    func tenant(_ environment: [String: String]) -> String {
        tenant ?? Variable.value(Variable.tenantID, in: environment) ?? "organizations"
    }

    /// The application to sign in with.
    /// - Throws: `UsageError` when neither `--client-id` nor `PARTNER_CENTER_CLIENT_ID` names one.
    func clientID(_ environment: [String: String]) throws -> String {
        guard let clientID = clientID ?? Variable.value(Variable.clientID, in: environment) else {
            throw UsageError("""
                signing in needs the application (client) id of your Partner Center app registration, a public client \
                (Allow public client flows): --client-id or \(Variable.clientID).
                """)
        }
        return clientID
    }

    /// The kept sign-in these options (or the environment) select, the most recent one of several.
    func latestSignIn(in cache: TokenCache, _ environment: [String: String]) throws -> TokenCache.SignIn? {
        try CredentialSource.keptSignIn(in: cache, environment, authority: authority, tenant: tenant, clientID: clientID)
    }
}
