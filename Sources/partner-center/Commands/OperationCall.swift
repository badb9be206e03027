import Foundation
import PartnerCenter

/// One operation run from the command line, its answer printed: what `call` and the friendly
/// commands (`customers create`, `subscriptions list`, `invoices statement`) share.
///
/// A listing is followed page after page (within `maxPages`, from `resume`); bytes (a PDF…) go
/// to `output`, or to standard output when it is not a terminal; a JSON answer is printed in
/// `format`; the status of a body-less answer and its `Location` and `Retry-After` go to
/// standard error.
struct OperationCall {
    var operation: OperationDescription
    var values: [String: JSONValue?]
    var body: JSONValue?
    var format: OutputFormat
    var maxPages: Int?
    var resume: String?
    var output: String?
    /// For an operation that starts a job: wait for it, and print its result (`--wait`).
    var waitsForJob = false
    /// The columns of `table` and `csv`.
    var columns = Columns(columns: [], noun: "item")
    /// For a collection answer that does not page: the property whose items are printed as
    /// records (a listing's shape), instead of the answer as one record.
    var itemsProperty: String?
    /// A last change to the body once the connection is open (e.g. a reseller named by name).
    var completeBody: (@Sendable (PartnerCenterClient, JSONValue?) async throws -> JSONValue?)?

    func run(_ options: ConnectionOptions) async throws {
        let operationID = operation.id
        let downloads = operation.successResponses.contains { $0.binaryMediaType != nil }
        if downloads, output == nil, Terminal.standardOutputIsTerminal {
            throw UsageError("\(operationID) answers with bytes; give --output FILE (or redirect standard output): they are not written to a terminal.")
        }
        let connection = try options.open(for: format)
        defer { connection.stub?.stop() }
        let client = connection.client.client
        var body = body
        if let completeBody { body = try await completeBody(connection.client, body) }
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
        if waitsForJob {
            let progress = JobWaitOptions { Terminal.progress("waiting: \($0.status) (read \($0.reads) time\($0.reads == 1 ? "" : "s"))") }
            let outcome = try await client.runJob(operationID, parameters: values, body: body, options: progress)
            Terminal.endProgress()
            for (index, file) in outcome.files.enumerated() { Terminal.note("file \(index + 1) of \(outcome.files.count): \(file.name)") }
            try print(outcome.result ?? outcome.job)
            return
        }
        if let paging = operation.paging {
            let values = values
            var pages = client.pages(operationID, as: JSONValue.self, parameters: { values }, items: { paging.items(of: $0) })
            if let maxPages { pages = pages.prefix(pages: maxPages) }
            try await Listing.run(pages, format: format, columns: columns, resume: resume)
            return
        }
        let whole = try await client.sendResponse(operationID, parameters: values, body: body)
        Self.noteStatusAndHeaders(whole, of: operation)
        if operation.response(.code(whole.status))?.hasNoBody == true { return }
        try print(whole.value)
        try ReportedViolations.check(whole.violations)
    }

    /// Prints a JSON answer in `format`: its `itemsProperty` as records when set, an array's
    /// elements as records, else the answer as one record.
    private func print(_ value: JSONValue) throws {
        if let items = itemsProperty.map({ value[$0]?.arrayValue ?? [] }) ?? (format == .json ? nil : value.arrayValue) {
            var output = format.makeOutput(columns: columns)
            try output.write(items)
            try output.finish()
        } else if format == .json {
            Terminal.write(JSONWriter.string(from: value, indented: true, order: .received) + "\n")
        } else {
            var output = format.makeOutput(columns: columns)
            try output.write([value])
            try output.finish()
        }
    }

    /// The status of a response without a body; `Location` and `Retry-After` when present.
    private static func noteStatusAndHeaders(_ response: APIResponse<JSONValue>, of operation: OperationDescription) {
        if operation.response(.code(response.status))?.hasNoBody == true {
            Terminal.note("HTTP \(response.status)" + (response.status == 202 ? " (accepted)" : ""))
        }
        for name in ["Location", "Retry-After"] {
            if let value = response.header(name) { Terminal.note("\(name): \(Terminal.printable(value))") }
        }
    }

    /// `--body`: JSON text, `@FILE`, or `-` for standard input.
    static func readBody(_ text: String) throws -> JSONValue {
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
