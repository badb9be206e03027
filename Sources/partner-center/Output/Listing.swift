import ArgumentParser
import PartnerCenter

/// Prints every page of a listing in the chosen format, with progress on a terminal.
///
/// The records are the items as validated and received (`PageSequence.json`): `json` and
/// `ndjson` write every member, those the spec does not list included, and every number as
/// it was written; nothing is decoded into a model to be encoded again.
enum Listing {
    static func run<Page, Item>(_ pages: PageSequence<Page, Item>, format: OutputFormat, columns: Columns) async throws {
        let pages = pages.json
        var output = format.makeOutput(columns: columns)
        var pageCount = 0
        var recordCount = 0
        var iterator = pages.makeAsyncIterator()
        while let page = try await iterator.next() {
            let batch = pages.items(of: page)
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
