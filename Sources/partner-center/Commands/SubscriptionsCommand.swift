import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center subscriptions list --customer ID`: `listSubscriptions`; and a new-commerce
/// subscription's upgrades: `subscriptions transitions` (`listTransitionEligibilities`) and
/// `subscriptions transition` (`createTransition`).
struct SubscriptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subscriptions", abstract: "A customer's subscriptions, and their transitions to other products (new commerce).",
        subcommands: [List.self, Transitions.self, Transition.self]
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
            let options = ["customer-tenant-id=\(customer)"] + (order.map { ["order_id=\($0)"] } ?? [])
            var call = try FriendlyCommand.call("listSubscriptions", options, format: format ?? .automatic)
            (call.columns, call.itemsProperty) = (.subscriptions, "items")
            try await call.run(connection)
        }
    }

    struct Transitions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transitions",
            abstract: "List the products a new-commerce subscription may transition to, and whether it may (listTransitionEligibilities)."
        )

        @Option(name: .long, help: "The customer's tenant id.")
        var customer: String

        @Option(name: .long, help: "The subscription's id.")
        var subscription: String

        @Flag(name: .long, help: "At renewal (scheduled) rather than now (immediate).")
        var scheduled = false

        @Option(name: .long, help: OutputFormat.help(default: .automatic))
        var format: OutputFormat?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            let options = ["customer-tenant-id=\(customer)", "subscription-id=\(subscription)", "eligibilityType=\(scheduled ? "scheduled" : "immediate")"]
            var call = try FriendlyCommand.call("listTransitionEligibilities", options, format: format ?? .automatic)
            (call.columns, call.itemsProperty) = (.transitionEligibilities, "items")
            try await call.run(connection)
        }
    }

    struct Transition: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transition",
            abstract: "Transition a new-commerce subscription to another product (createTransition); prints the transition with its events."
        )

        @Option(name: .long, help: "The customer's tenant id.")
        var customer: String

        @Option(name: .long, help: "The subscription's id.")
        var subscription: String

        @Option(name: .long, help: "The catalog item to move to, as `subscriptions transitions` lists it.")
        var to: String

        @Option(name: .long, help: "Licenses to move (default: all).")
        var quantity: Int?

        @Option(name: .long, help: "An existing subscription of the target product to move into.")
        var toSubscription: String?

        @Option(name: .long, help: "transition_only, or transition_with_license_transfer (the licenses follow).")
        var type: String = "transition_with_license_transfer"

        @Option(name: .long, help: OutputFormat.help(default: .automatic))
        var format: OutputFormat?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var body: JSONObject = ["toCatalogItemId": .string(to), "transitionType": .string(type)]
            if let quantity { body["quantity"] = .integer(quantity) }
            if let toSubscription { body["toSubscriptionId"] = .string(toSubscription) }
            let options = ["customer-tenant-id=\(customer)", "subscription-id=\(subscription)"]
            try await FriendlyCommand.call("createTransition", options, body: .object(body), format: format ?? .automatic).run(connection)
        }
    }
}
