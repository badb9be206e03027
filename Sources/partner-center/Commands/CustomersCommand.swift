import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center customers [list] --reseller ID`: every customer of one indirect reseller.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the customers of an indirect reseller, following every page (the default of 'customers').",
        discussion: "Data goes to standard output; progress and errors go to standard error."
    )

    @Option(
        name: .long,
        help: "The indirect reseller's tenant id (a GUID), or its name as 'resellers' lists it (case-insensitive; a unique prefix will do)."
    )
    var reseller: String

    @Option(name: .long, help: "Customers per page, 1 to 500.")
    var size: Int?

    @OptionGroup var pageLimit: PageLimitOptions

    @Option(name: .long, help: "Go on with a listing that stopped, from the token it printed on standard error.")
    var resume: String?

    @Option(name: .long, help: OutputFormat.help(default: .automatic))
    var format: OutputFormat?

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard !reseller.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--reseller must be a tenant id (a GUID) or a reseller's name, got '\(reseller)'.")
        }
        if let size, !(1...500).contains(size) {
            throw ValidationError("--size must be between 1 and 500, got \(size).")
        }
    }

    func run() async throws {
        let format = format ?? .automatic
        let connection = try connection.open(for: format)
        defer { connection.stub?.stop() }
        let tenantID = try await ResellerLookup.tenantID(for: reseller, client: connection.client)
        var pages = connection.client.getCustomersOfIndirectResellerPages(resellerTenantId: tenantID, size: size)
        if let maxPages = pageLimit.maxPages { pages = pages.prefix(pages: maxPages) }
        try await Listing.run(pages, format: format, columns: .customers, resume: resume)
    }
}
