import ArgumentParser
import Foundation
import PartnerCenter

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

        @Option(name: .long, help: OutputFormat.help(default: .automatic))
        var format: OutputFormat?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let operation = try FriendlyCommand.operation("listSubscriptions")
            let options = ["customer-tenant-id=\(customer)"] + (order.map { ["order_id=\($0)"] } ?? [])
            let values = try FriendlyCommand.values(options, of: operation)
            var call = OperationCall(operation: operation, values: values, body: nil, format: format ?? .automatic, columns: .subscriptions)
            call.itemsProperty = "items"
            try await call.run(connection)
        }
    }
}
