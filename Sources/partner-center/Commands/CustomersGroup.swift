import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center customers`: list (the default) or create.
struct CustomersGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "List the customers of an indirect reseller (customers --reseller ID), or create one.",
        subcommands: [CustomersCommand.self, CreateCustomerCommand.self],
        defaultSubcommand: CustomersCommand.self
    )
}

/// `partner-center customers create --from FILE [--reseller ID|NAME]`: `createCustomer`.
struct CreateCustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a customer from a JSON file (createCustomer); with --reseller, for that indirect reseller.",
        discussion: "The file is the customer as the spec describes it (companyProfile, billingProfile); it is validated before it is sent."
    )

    @Option(name: .long, help: "The customer as JSON: a file, or - for standard input.")
    var from: String

    @Option(name: .long, help: "The indirect reseller to create it for (its tenant id or name): sets associatedPartnerId.")
    var reseller: String?

    @Option(name: .long, help: OutputFormat.help(default: .json))
    var format: OutputFormat = .json

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        var call = try FriendlyCommand.call("createCustomer", body: try OperationCall.readBody(from == "-" ? "-" : "@" + from), format: format)
        if let reseller {
            call.completeBody = { client, body in
                let tenantID = try await ResellerLookup.tenantID(for: reseller, client: client)
                guard case var .object(members)? = body else { throw UsageError("--from must hold a JSON object (the customer).") }
                members["associatedPartnerId"] = .string(tenantID)
                return .object(members)
            }
        }
        try await call.run(connection)
    }
}
