import ArgumentParser

/// `partner-center`: Partner Center from the command line.
@main
struct PartnerCenterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-center",
        abstract: "List the customers of a Microsoft Partner Center indirect reseller, export billing reconciliation, and call any operation of its API.",
        discussion: """
            Credentials come from the environment or a kept sign-in, never from arguments.
            The first of these that is set is used:
              1. PARTNER_CENTER_TOKEN          an access token
              2. PARTNER_CENTER_TENANT_ID      App+User credentials, renewed with
                 PARTNER_CENTER_CLIENT_ID      the OAuth 2 refresh-token grant;
                 PARTNER_CENTER_CLIENT_SECRET  with PARTNER_CENTER_AUTH=app and no
                 PARTNER_CENTER_REFRESH_TOKEN  refresh token: app-only credentials
                                               (the client-credentials grant)
              3. the sign-in kept by `partner-center login` (the most recent one, or the
                 one PARTNER_CENTER_TENANT_ID / _CLIENT_ID / _AUTHORITY select)
              4. none: commands without a base URL use a local demo stub
            `partner-center login --status` says which one is in use. 2. and 3. give
            Microsoft Graph's tokens too (billing exports); with 1., give Graph's as
            PARTNER_CENTER_GRAPH_TOKEN.
              PARTNER_CENTER_BASE_URL        another server (like --base-url)
              PARTNER_CENTER_GRAPH_BASE_URL  another Microsoft Graph (like --graph-base-url)
              PARTNER_CENTER_AUTHORITY       another identity platform (login --authority)
              PARTNER_CENTER_TOKEN_ENDPOINT  another OAuth 2 token endpoint (for 2.)

            Exit codes: 0 success, 64 usage, 65 response breaks the spec,
            69 API error, 70 internal error, 74 network error or timeout,
            77 authentication failed, sign-in failed or token cache refused,
            130 interrupted.
            """,
        version: PackageVersion.current,
        subcommands: [
            CustomersGroup.self, ResellersCommand.self, SubscriptionsCommand.self, InvoicesCommand.self, BillingCommand.self, GDAPCommand.self, CallCommand.self,
            OperationsCommand.self,
            LoginCommand.self, LogoutCommand.self, StubCommand.self,
        ]
    )

    /// Parses the command line and runs the command; whatever any command throws is
    /// reported here, once (``Failure/report(_:)``), with its exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: Failure.report(error))
        }
    }
}
