import ArgumentParser
import PartnerCenter

/// Prints every page of a listing in the chosen format, with progress on a terminal.
///
/// The records are the items as validated and received (`PageSequence.json`): `json` and
/// `ndjson` write every member, those the spec does not list included, and every number as
/// it was written; nothing is decoded into a model to be encoded again.
///
/// Under `--validation warn`, a page that breaks the spec is printed as received like any
/// other; each violation is named on standard error as it arrives, and the command exits 65
/// once everything is printed.
///
/// A listing that stops before its end (`--max-pages`, or a page that fails) prints on
/// standard error how to go on: `--resume TOKEN` fetches the rest, from the next page on,
/// with no item repeated or skipped.
enum Listing {
    /// - Parameter resume: The `--resume` token, to start after the pages an earlier run printed.
    static func run<Page, Item>(_ pages: PageSequence<Page, Item>, format: OutputFormat, columns: Columns, resume: String? = nil) async throws {
        var pages = pages.json
        if let resume { pages = pages.resuming(from: try ListingResumePoint(token: resume)) }
        var output = format.makeOutput(columns: columns)
        var pageCount = 0
        var recordCount = 0
        var violations = ReportedViolations()
        var iterator = pages.makeAsyncIterator()
        do {
            while let page = try await iterator.next() {
                let batch = pages.items(of: page)
                pageCount += 1
                recordCount += batch.count
                Terminal.progress("page \(pageCount), \(recordCount) \(columns.noun)s")
                try output.write(batch)
                violations.note(iterator.violations, page: pageCount)
            }
        } catch {
            Terminal.endProgress()
            if let point = iterator.resumePoint {
                Terminal.note("partner-center: the listing stopped at page \(pageCount + 1); to go on from there: --resume \(point.token)")
            }
            throw error
        }
        Terminal.endProgress()
        try output.finish()
        if iterator.stoppedBeforeTheEnd {
            let more = iterator.resumePoint.map { "; for the rest: --resume \($0.token)" } ?? ""
            Terminal.note("partner-center: stopped after \(pageCount) page\(pageCount == 1 ? "" : "s") (--max-pages); there are more\(more)")
        }
        try violations.finish()
    }
}
