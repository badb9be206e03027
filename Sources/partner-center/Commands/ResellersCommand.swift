import ArgumentParser
import PartnerCenter

/// `partner-center resellers`: the partner's indirect resellers, whose ids `customers --reseller` takes.
struct ResellersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resellers",
        abstract: "List the partner's indirect resellers (their tenant ids are what 'customers --reseller' takes)."
    )

    @Option(name: .long, help: OutputFormat.help(default: .automatic))
    var format: OutputFormat?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let format = format ?? .automatic
        let connection = try connection.open(for: format)
        defer { connection.stub?.stop() }
        let pages = connection.client.getIndirectResellersPages()
        try await Listing.run(pages, format: format, columns: .relationships)
    }
}
