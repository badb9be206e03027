import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center call OPERATION --param name=value…`: any operation of the spec, by id.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call any operation of the spec by its id ('partner-center operations' lists them).",
        discussion: """
            Paged operations are followed page after page. The request body (--body) is validated against the spec before \
            anything is sent, and the response before it is printed. A response of bytes (a PDF…) is written to --output FILE, \
            or to standard output when it is not a terminal. The status of a response without a body, and the Location and \
            Retry-After of an accepted one (HTTP 202: poll Location), are printed on standard error.
            """
    )

    @Argument(help: "The operation id, e.g. getCustomerById.", completion: .custom(OperationCompletion.complete))
    var operationID: String

    @Option(name: .customLong("param"), help: "A parameter as name=value (repeat for each).")
    var parameters: [String] = []

    @Option(name: .customLong("header"), help: "A header parameter of the operation as Name=value, e.g. If-Match=<etag> (repeat for each).")
    var headers: [String] = []

    @Option(name: .long, help: "json (default), ndjson, table, csv (spreadsheet-safe) or csv-raw.")
    var format: OutputFormat = .json

    @Option(name: .long, help: "For a paged operation: stop after this many pages.")
    var maxPages: Int?

    @Option(name: .long, help: "For a paged operation: go on from the token a stopped listing printed on standard error.")
    var resume: String?

    @Option(name: .long, help: "The request body as JSON text, @FILE to read it from a file, or - to read standard input.")
    var body: String?

    @Option(name: .shortAndLong, help: "For a response of bytes (a PDF…): the file to write it to.")
    var output: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        try await Failure.reporting {
            let contents = try PartnerCenterClient.document.get()
            guard let operation = contents.operations[operationID] else {
                let known = contents.operations.keys.sorted().joined(separator: ", ")
                throw UsageError("no operation '\(operationID)'; the spec has: \(known).")
            }
            let values = try CallArguments(operation: operation, schemas: contents.schemas).values(parameters + Self.headerParameters(headers, of: operation))
            let body = try self.body.map(Self.readBody)
            let downloads = operation.successStatuses.contains { operation.responses[$0]?.binaryMediaType != nil }
            if downloads, output == nil, Terminal.standardOutputIsTerminal {
                throw UsageError("\(operationID) answers with bytes; give --output FILE (or redirect standard output): they are not written to a terminal.")
            }
            let connection = try connection.open()
            defer { connection.stub?.stop() }
            let client = connection.client.client
            if downloads, let output {
                // Written by the transport as it arrives; the file is replaced once all is there.
                let download = try await client.download(operationID, parameters: values, body: body, to: URL(fileURLWithPath: output))
                Terminal.note("wrote \(download.value) bytes (\(download.mediaType ?? "no media type")) to \(output)")
                return
            }
            if downloads {
                let download = try await client.download(operationID, parameters: values, body: body)
                var written = 0
                for try await chunk in download.body {
                    FileHandle.standardOutput.write(chunk)
                    written += chunk.count
                }
                Terminal.note("wrote \(written) bytes (\(download.mediaType ?? "no media type"))")
                return
            }
            let columns = Columns(columns: [], noun: "item")
            if let paging = operation.paging {
                var pages = client.pages(operationID, as: JSONValue.self, parameters: { values }, items: { $0[paging.items]?.arrayValue ?? [] })
                if let maxPages { pages = pages.prefix(pages: maxPages) }
                try await Listing.run(pages, format: format, columns: columns, resume: resume)
                return
            }
            let whole = try await client.sendResponse(operationID, parameters: values, body: body)
            Self.noteStatusAndHeaders(whole, of: operation)
            let response = whole.value
            if operation.responses[whole.status]?.hasNoBody == true { return }
            if format == .json {
                Terminal.write(JSONWriter.string(from: response, indented: true) + "\n")
            } else {
                var output = format.makeOutput(columns: columns)
                try output.write([response])
                try output.finish()
            }
        }
    }

    /// `--header Name=value` as `--param`s: each must name a header parameter of the operation
    /// (case-insensitive); other headers are not the operation's to send.
    private static func headerParameters(_ headers: [String], of operation: OperationDescription) throws -> [String] {
        let declared = operation.parameters.filter { $0.location == .header && $0.schema.constValue == nil }.map(\.name)
        return try headers.map { option in
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = declared.first(where: { $0.caseInsensitiveCompare(parts[0]) == .orderedSame }) else {
                let known = declared.isEmpty ? "none" : declared.joined(separator: ", ")
                throw UsageError("--header \(parts[0]): not a header parameter of \(operation.id) (it has: \(known)); write --header Name=value.")
            }
            return "\(name)=\(parts[1])"
        }
    }

    /// The status of a response without a body; `Location` and `Retry-After` when present.
    private static func noteStatusAndHeaders(_ response: APIResponse<JSONValue>, of operation: OperationDescription) {
        if operation.responses[response.status]?.hasNoBody == true {
            Terminal.note("HTTP \(response.status)" + (response.status == 202 ? " (accepted)" : ""))
        }
        for name in ["Location", "Retry-After"] {
            if let value = response.header(name) { Terminal.note("\(name): \(Terminal.printable(value))") }
        }
    }

    /// `--body`: JSON text, `@FILE`, or `-` for standard input.
    private static func readBody(_ text: String) throws -> JSONValue {
        let data: Data
        if text == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else if text.hasPrefix("@") {
            let path = String(text.dropFirst())
            guard let contents = FileManager.default.contents(atPath: path) else { throw UsageError("--body: cannot read \(path)") }
            data = contents
        } else {
            data = Data(text.utf8)
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw UsageError("--body is not JSON: \(error)")
        }
    }
}
