import ArgumentParser
import Foundation
import PartnerCenter

// The few commands a CSP looks for by name, each one operation of the spec run as `call`
// runs it (same output formats, files and exit codes).

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

    @Option(name: .long, help: "json (default), ndjson, table, csv or csv-raw.")
    var format: OutputFormat = .json

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await Failure.reporting {
            let operation = try FriendlyCommand.operation("createCustomer")
            var call = OperationCall(operation: operation, values: [:], body: try OperationCall.readBody(from == "-" ? "-" : "@" + from), format: format)
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
}

/// `partner-center subscriptions list --customer ID`: `listSubscriptions`.
struct SubscriptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions", abstract: "A customer's subscriptions.", subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a customer's subscriptions (listSubscriptions).")

        @Option(name: .long, help: "The customer's tenant id.")
        var customer: String

        @Option(name: .long, help: "Only those an order created.")
        var order: String?

        @Option(name: .long, help: "table (default on a terminal), json (default otherwise), ndjson, csv or csv-raw.")
        var format: OutputFormat?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await Failure.reporting {
                let operation = try FriendlyCommand.operation("listSubscriptions")
                let options = ["customer-tenant-id=\(customer)"] + (order.map { ["order_id=\($0)"] } ?? [])
                let values = try FriendlyCommand.values(options, of: operation)
                var call = OperationCall(operation: operation, values: values, body: nil, format: format ?? .automatic, columns: .subscriptions)
                call.itemsProperty = "items"
                try await call.run(connection)
            }
        }
    }
}

/// `partner-center invoices statement ID --output FILE`: `getInvoiceStatement`.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoices", abstract: "The partner's invoices.", subcommands: [Statement.self])

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statement", abstract: "Download an invoice's statement, a PDF (getInvoiceStatement)."
        )

        @Argument(help: "The invoice id, e.g. G000024132.")
        var invoiceID: String

        @Option(name: .shortAndLong, help: "The file to write the PDF to (replaced once it has arrived whole).")
        var output: String?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await Failure.reporting {
                let operation = try FriendlyCommand.operation("getInvoiceStatement")
                let values = try FriendlyCommand.values(["invoice-id=\(invoiceID)"], of: operation)
                try await OperationCall(operation: operation, values: values, body: nil, format: .json, output: output).run(connection)
            }
        }
    }
}

/// What the friendly commands share.
enum FriendlyCommand {
    /// The spec's operation `id`, which a friendly command runs.
    static func operation(_ id: String) throws -> OperationDescription {
        guard let operation = try PartnerCenterClient.document.get().operations[id] else {
            throw UsageError("this build's spec has no operation '\(id)'.")
        }
        return operation
    }

    /// The parameter values `options` (`name=value`, as `call --param` takes them) give `operation`.
    static func values(_ options: [String], of operation: OperationDescription) throws -> [String: JSONValue?] {
        try CallArguments(operation: operation, schemas: try PartnerCenterClient.document.get().schemas).values(options)
    }
}
