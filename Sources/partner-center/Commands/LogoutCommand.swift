import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center logout`: forget a kept sign-in.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Remove the kept sign-in (its tokens) from this machine.",
        discussion: """
            Removes the sign-in commands would use (the most recent one matching the options, or \
            PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_ID and PARTNER_CENTER_AUTHORITY), or \
            with --all the whole token cache, even a corrupt one. It does not revoke the tokens at \
            the identity platform.
            """
    )

    @OptionGroup var signIn: SignInOptions

    @Flag(name: .long, help: "Remove every kept sign-in.")
    var all = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let cache = try TokenCache.partnerCenter(environment)
        if all {
            let removed = try cache.removeAll()
            Terminal.note(removed ? "partner-center: removed every kept sign-in (\(cache.path))" : "partner-center: no sign-in was kept")
            return
        }
        guard let kept = try signIn.latestSignIn(in: cache, environment) else {
            Terminal.note("partner-center: no matching sign-in is kept in \(cache.path)")
            return
        }
        try await cache.remove(kept.key)
        Terminal.note("partner-center: signed out \(kept.account.username ?? "the user") (\(kept.key))")
    }
}
