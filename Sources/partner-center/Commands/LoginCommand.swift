import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center login`: sign in once with a device code, kept in the token cache.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in once (OAuth 2 device code); later commands use the kept sign-in.",
        discussion: """
            Prints a code and a page on standard error: open the page on any device, enter the code \
            and sign in with your Partner Center account. The refresh token is kept in \
            $XDG_CONFIG_HOME/partner-center/credentials.json (else ~/.config/partner-center), \
            mode 0600 in a 0700 directory; a rotated refresh token replaces it on each renewal. \
            Ctrl-C stops waiting and keeps nothing.

            --status shows which credentials commands use and, for a kept sign-in, who signed in \
            and until when its tokens are valid (never a token); it exits 77 when commands have \
            no credentials.
            """
    )

    @OptionGroup var signIn: SignInOptions

    @Flag(name: .long, help: "Show which credentials commands use, and the kept sign-in; change nothing.")
    var status = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var hasCredentials = true
        if status {
            hasCredentials = try SignInStatus(environment: environment, options: signIn).print()
        } else {
            try await Self.signIn(signIn, environment: environment)
        }
        if !hasCredentials { throw ExitStatus.authentication }
    }

    /// The device-code sign-in, then keeping its tokens.
    private static func signIn(_ options: SignInOptions, environment: [String: String]) async throws {
        let authority = try CredentialSource.authority(environment, option: options.authority)
        let key = TokenCache.Key(authority: authority, tenant: options.tenant(environment), clientID: try options.clientID(environment))
        let cache = try TokenCache.partnerCenter(environment)
        // A cache that would be refused is refused before the user signs in, not after.
        _ = try cache.signIns()
        let scale = try pollScale(environment)
        let flow = DeviceCodeFlow(authority: authority, tenant: key.tenant, clientID: key.clientID, sleep: { try await Task.sleep(for: $0 * scale) })
        let grant: TokenGrant
        do {
            grant = try await Interrupt.cancelling {
                let authorization = try await flow.start()
                let minutes = max(1, Int(authorization.lifetime / 60))
                Terminal.note("partner-center: to sign in, open \(authorization.verificationURI) and enter the code \(authorization.userCode) (within \(minutes) min)")
                return try await flow.poll(authorization) { interval in
                    Terminal.note("partner-center: the sign-in service asks to be polled less often: every \(interval.components.seconds) s")
                }
            }
        } catch let error as APIError where error.kind.isCancelled {
            Terminal.note("partner-center: sign-in cancelled; nothing was kept")
            throw ExitCode(130)
        }
        let signIn = try TokenCache.SignIn(key: key, grant: grant, at: Date())
        try await cache.store(signIn)
        let who = signIn.account.username.map { "as \($0)" } ?? "(the tokens name no user)"
        let tenant = signIn.account.tenantID.map { " in tenant \($0)" } ?? ""
        Terminal.note("partner-center: signed in \(who)\(tenant); the sign-in is kept in \(cache.path)")
        await redeemForOtherAPIs(cache: cache, key: key)
        switch try? CredentialSource.resolve(environment) {
        case .cache?: break
        default: Terminal.note("partner-center: note: commands use other credentials first (see partner-center login --status)")
        }
    }

    /// The same sign-in for the spec's other APIs (Microsoft Graph): its refresh token redeemed
    /// for each one's scopes now, so that the user learns at once whether the application may
    /// call it (a permission no admin consented to is refused here, not on the first export).
    /// A refusal is said, not fatal: the Partner Center sign-in stands.
    private static func redeemForOtherAPIs(cache: TokenCache, key: TokenCache.Key) async {
        guard let contents = try? PartnerCenterClient.document.get(), let provider = try? CachedTokenProvider(cache: cache, key: key) else { return }
        for api in contents.otherAPIs where !api.scopes.isEmpty {
            let scopes = api.scopes.joined(separator: " ")
            do {
                _ = try await provider.provider(forScopes: api.scopes).token(refresh: false)
                Terminal.note("partner-center: \(api.name) (\(scopes)): the same sign-in gives its tokens")
            } catch {
                Terminal.note("partner-center: \(api.name) (\(scopes)): not available with this sign-in: \(error); its commands will fail until the application has its permissions")
            }
        }
    }

    /// `PARTNER_CENTER_LOGIN_POLL_SCALE`, a factor for the waits between polls (tests); default 1.
    private static func pollScale(_ environment: [String: String]) throws -> Double {
        guard let text = Variable.value(Variable.loginPollScale, in: environment) else { return 1 }
        guard let scale = Double(text), scale > 0, scale <= 1 else {
            throw UsageError("\(Variable.loginPollScale) must be a number greater than 0 and at most 1, got '\(text)'.")
        }
        return scale
    }
}

extension APIError.Kind {
    /// Whether the call was cancelled.
    var isCancelled: Bool {
        if case .cancelled = self { true } else { false }
    }
}
