import ArgumentParser

/// `partner-center`: Partner Center from the command line.
@main
struct PartnerCenterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partner-center",
        abstract: "List the customers of a Microsoft Partner Center indirect reseller, and call any operation of its API.",
        discussion: """
            Credentials come from the environment, never from arguments:
              PARTNER_CENTER_TOKEN           an access token, or these four
              PARTNER_CENTER_TENANT_ID       App+User credentials, renewed with
              PARTNER_CENTER_CLIENT_ID       the OAuth 2 refresh-token grant:
              PARTNER_CENTER_CLIENT_SECRET
              PARTNER_CENTER_REFRESH_TOKEN
              PARTNER_CENTER_BASE_URL        another server (like --base-url)
              PARTNER_CENTER_TOKEN_ENDPOINT  another OAuth 2 token endpoint
            With no credentials and no base URL, commands use a local demo stub.

            Exit codes: 0 success, 64 usage, 65 response breaks the spec,
            69 API error, 70 internal error, 74 network error or timeout,
            77 authentication failed.
            """,
        subcommands: [CustomersCommand.self, ResellersCommand.self, CallCommand.self, OperationsCommand.self, StubCommand.self]
    )
}
