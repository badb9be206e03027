import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center customers --reseller ID`: every customer of one indirect reseller.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "List the customers of an indirect reseller, following every page.",
        discussion: "Data goes to standard output; progress and errors go to standard error."
    )

    @Option(name: .long, help: "The indirect reseller's tenant id (a GUID).")
    var reseller: String

    @Option(name: .long, help: "Customers per page, 1 to 500.")
    var size: Int?

    @Option(name: .long, help: "Stop after this many pages.")
    var maxPages: Int?

    @Option(name: .long, help: "table (default on a terminal), json (default otherwise), ndjson or csv.")
    var format: OutputFormat?

    @Option(name: .long, help: "The X-Locale header, e.g. fr-FR (default en-US).")
    var locale: String?

    @Option(name: .long, help: "Another Partner Center base URL (also PARTNER_CENTER_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "The MS-CorrelationId to send, a GUID (default: a new one).")
    var correlationId: String?

    func validate() throws {
        guard UUID(uuidString: reseller) != nil else {
            throw ValidationError("--reseller must be a tenant id (a GUID), got '\(reseller)'.")
        }
        if let size, !(1...500).contains(size) {
            throw ValidationError("--size must be between 1 and 500, got \(size).")
        }
        if let maxPages, maxPages < 1 {
            throw ValidationError("--max-pages must be at least 1, got \(maxPages).")
        }
        if let correlationId, UUID(uuidString: correlationId) == nil {
            throw ValidationError("--correlation-id must be a GUID, got '\(correlationId)'.")
        }
    }

    func run() async throws {
        var headerValues: [String: String] = [:]
        headerValues["X-Locale"] = locale
        headerValues["MS-CorrelationId"] = correlationId
        let connection = try Connection.open(baseURL: baseURL, headerValues: headerValues)
        defer { connection.stub?.stop() }
        var output = (format ?? .automatic).makeOutput()
        var pages = connection.client.getCustomersOfIndirectResellerPages(resellerTenantId: reseller, size: size)
        if let maxPages { pages = pages.prefix(pages: maxPages) }
        var pageCount = 0
        var customerCount = 0
        do {
            for try await page in pages {
                pageCount += 1
                customerCount += page.items.count
                Terminal.progress("page \(pageCount), \(customerCount) customers")
                try output.write(page.items)
            }
            Terminal.endProgress()
            try output.finish()
        } catch let error as APIError {
            Terminal.endProgress()
            Terminal.note("partner-center: error: \(error)")
            throw ExitStatus.code(for: error)
        }
    }
}
