import ArgumentParser
import PartnerCenter

/// Prints every page of a listing in the chosen format, with progress on a terminal, and
/// turns a failed call into one line on standard error and its exit code.
enum Listing {
    static func run<Page, Item>(
        _ pages: PageSequence<Page, Item>, format: OutputFormat, columns: Columns, records: (Page) throws -> [JSONValue]
    ) async throws {
        var output = format.makeOutput(columns: columns)
        var pageCount = 0
        var recordCount = 0
        try await reportingFailure {
            for try await page in pages {
                let batch = try records(page)
                pageCount += 1
                recordCount += batch.count
                Terminal.progress("page \(pageCount), \(recordCount) \(columns.noun)s")
                try output.write(batch)
            }
            Terminal.endProgress()
            try output.finish()
        }
    }

    /// Runs `body`; an `APIError` becomes one line on standard error and the matching exit code.
    static func reportingFailure(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as APIError {
            Terminal.endProgress()
            Terminal.note("partner-center: error: \(error)")
            throw ExitStatus.code(for: error)
        }
    }
}

extension Array where Element: Encodable {
    /// The elements as validated JSON values, for the outputs.
    func jsonValues() throws -> [JSONValue] {
        try map { try JSONValue(encoding: $0) }
    }
}
