import ArgumentParser
import PartnerCenter

/// Prints every page of a listing in the chosen format, with progress on a terminal.
enum Listing {
    static func run<Page, Item>(
        _ pages: PageSequence<Page, Item>, format: OutputFormat, columns: Columns, records: (Page) throws -> [JSONValue]
    ) async throws {
        var output = format.makeOutput(columns: columns)
        var pageCount = 0
        var recordCount = 0
        var iterator = pages.makeAsyncIterator()
        while let page = try await iterator.next() {
            let batch = try records(page)
            pageCount += 1
            recordCount += batch.count
            Terminal.progress("page \(pageCount), \(recordCount) \(columns.noun)s")
            try output.write(batch)
        }
        Terminal.endProgress()
        try output.finish()
        if iterator.stoppedBeforeTheEnd {
            Terminal.note("partner-center: stopped after \(pageCount) page\(pageCount == 1 ? "" : "s") (--max-pages); there are more")
        }
    }
}

extension Array where Element: Encodable {
    /// The elements as validated JSON values, for the outputs.
    func jsonValues() throws -> [JSONValue] {
        try map { try JSONValue(encoding: $0) }
    }
}
