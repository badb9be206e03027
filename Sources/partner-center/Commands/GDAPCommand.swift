import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center gdap list`: the partner's GDAP relationships, on Microsoft Graph
/// (`listDelegatedAdminRelationships`, every page).
struct GDAPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdap", abstract: "Granular delegated admin privileges: the partner's relationships with its customers (on Microsoft Graph).",
        subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the partner's GDAP relationships, following every page (listDelegatedAdminRelationships).",
            discussion: "Create one, lock it for approval and change it with `call` (createDelegatedAdminRelationship, createDelegatedAdminRelationshipRequest, updateDelegatedAdminRelationship); see `operations`."
        )

        @Option(name: .long, help: "Only those in this status (created, approvalPending, active, expiring, expired, terminated…).")
        var status: String?

        @Option(name: .long, help: "Only this customer's (its tenant id).")
        var customer: String?

        @OptionGroup var pageLimit: PageLimitOptions

        @Option(name: .long, help: OutputFormat.help(default: .automatic))
        var format: OutputFormat?

        @OptionGroup var connection: ConnectionOptions

        func validate() throws {
            // OData string literals double a quote; anything else a filter could be built from
            // is refused rather than sent.
            for (name, value) in [("--status", status), ("--customer", customer)] {
                if let value, value.isEmpty || value.contains(where: { !$0.isLetter && !$0.isNumber && $0 != "-" }) {
                    throw ValidationError("\(name) takes letters, digits and '-' only.")
                }
            }
        }

        func run() async throws {
            let conditions = [status.map { "status eq '\($0)'" }, customer.map { "customer/tenantId eq '\($0)'" }].compactMap(\.self)
            let options = conditions.isEmpty ? [] : ["$filter=" + conditions.joined(separator: " and ")]
            var call = try FriendlyCommand.call("listDelegatedAdminRelationships", options, format: format ?? .automatic)
            call.columns = .delegatedAdminRelationships
            call.maxPages = pageLimit.maxPages
            try await call.run(connection)
        }
    }
}
