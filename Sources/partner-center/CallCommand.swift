import ArgumentParser
import PartnerCenter

/// `partner-center call OPERATION --param name=value…`: any operation of the spec, by id.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call any operation of the spec by its id ('partner-center operations' lists them).",
        discussion: "Paged operations are followed page after page. The response is validated against the spec before it is printed."
    )

    @Argument(help: "The operation id, e.g. getCustomerById.")
    var operationID: String

    @Option(name: .customLong("param"), help: "A parameter as name=value (repeat for each).")
    var parameters: [String] = []

    @Option(name: .long, help: "json (default), ndjson, table, csv (spreadsheet-safe) or csv-raw.")
    var format: OutputFormat = .json

    @Option(name: .long, help: "For a paged operation: stop after this many pages.")
    var maxPages: Int?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await Failure.reporting {
            let contents = try PartnerCenterClient.document.get()
            guard let operation = contents.operations[operationID] else {
                let known = contents.operations.keys.sorted().joined(separator: ", ")
                throw UsageError("no operation '\(operationID)'; the spec has: \(known).")
            }
            let values = try CallArguments(operation: operation, schemas: contents.schemas).values(parameters)
            let connection = try connection.open()
            defer { connection.stub?.stop() }
            let client = connection.client.client
            let columns = Columns(columns: [], noun: "item")
            if let paging = operation.paging {
                var pages = client.pages(operationID, as: JSONValue.self, parameters: { values }, items: { $0[paging.items]?.arrayValue ?? [] })
                if let maxPages { pages = pages.prefix(pages: maxPages) }
                try await Listing.run(pages, format: format, columns: columns)
                return
            }
            let response = try await client.sendJSON(operationID, parameters: values)
            if format == .json {
                Terminal.write(JSONWriter.string(from: response, indented: true) + "\n")
            } else {
                var output = format.makeOutput(columns: columns)
                try output.write([response])
                try output.finish()
            }
        }
    }
}
