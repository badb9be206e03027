import Foundation
import PartnerCenter

/// What `login --status` prints: the credentials in use and the kept sign-in; never a token.
struct SignInStatus {
    let environment: [String: String]
    let options: SignInOptions

    /// Prints the status on standard output.
    /// - Returns: Whether commands have credentials (else they use the demo stub).
    func print() throws -> Bool {
        let source = try CredentialSource.resolve(environment)
        var lines = ["credentials in use: \(source.summary)"]
        let kept: TokenCache.SignIn?
        if case let .cache(_, signIn) = source {
            kept = signIn
        } else if let cache = try? TokenCache.partnerCenter(environment) {
            do {
                kept = try options.latestSignIn(in: cache, environment)
            } catch let error as TokenCacheError {
                // Not in use, so not fatal here: say what is wrong with it.
                kept = nil
                lines.append("token cache (not in use): \(SignInAdvice.describe(error))")
            }
            if kept != nil { lines.append("a sign-in is kept too, but is not in use: the credentials above come first") }
        } else {
            kept = nil
        }
        if let kept { lines += Self.describe(kept, now: Date()) }
        Terminal.write(lines.joined(separator: "\n") + "\n")
        if case .none = source { return false }
        return true
    }

    /// The sign-in's account, application and dates.
    private static func describe(_ signIn: TokenCache.SignIn, now: Date) -> [String] {
        let account = signIn.account
        var lines = [
            "signed in as: " + (account.username ?? "unknown (the tokens name no user)") + (account.name.map { " (\($0))" } ?? ""),
            "tenant: " + (account.tenantID.map { "\($0) (signed in to '\(signIn.key.tenant)')" } ?? signIn.key.tenant),
            "client id: \(signIn.key.clientID)",
            "authority: \(signIn.key.authority)",
            "signed in on: \(timestamp(signIn.signedInOn))",
        ]
        if let expires = signIn.accessTokenExpiresOn {
            lines.append(expires > now ? "access token: valid until \(timestamp(expires))" : "access token: expired \(timestamp(expires)); renewed on the next call")
        }
        // The spec's other APIs (Microsoft Graph): a token of their own audience, from the same refresh token.
        let kept = Dictionary(signIn.otherAudiences.map { ($0.scopes, $0.expiresOn) }, uniquingKeysWith: { first, _ in first })
        for api in (try? PartnerCenterClient.document.get())?.otherAPIs ?? [] where !api.scopes.isEmpty {
            let scopes = api.scopes.joined(separator: " ")
            let state = kept[scopes].map { $0 > now ? "valid until \(timestamp($0))" : "expired \(timestamp($0)); renewed on the next call" }
                ?? "none yet; redeemed from the refresh token on the first call"
            lines.append("\(api.name) access token (\(scopes)): \(state)")
        }
        if let expires = signIn.refreshTokenExpiresOn {
            lines.append("refresh token: issued \(timestamp(signIn.refreshTokenIssuedOn)), valid until \(timestamp(expires)) unless revoked")
        } else {
            // Microsoft's refresh tokens last 90 days by default, and each use issues a new one.
            let horizon = signIn.refreshTokenIssuedOn.addingTimeInterval(90 * 86_400)
            lines.append("refresh token: issued \(timestamp(signIn.refreshTokenIssuedOn)); by the identity platform's default valid until about \(timestamp(horizon)) unless revoked or replaced by use")
        }
        return lines
    }

    private static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
