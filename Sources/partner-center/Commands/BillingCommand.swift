import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center billing reconciliation|usage`: Microsoft Graph's billing exports, from the
/// request to the last line (the spec's `job:`; nothing of it is written per operation here).
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "The partner's billing exports (Microsoft Graph): reconciliation and daily-rated usage line items.",
        discussion: """
            Each command asks Microsoft Graph for an export, waits for it, then reads its files \
            and prints every line item as it arrives. The files are read with the access token \
            the export gives them, never with your Graph token.

            Graph needs a token of its own audience (https://graph.microsoft.com/.default, \
            permission PartnerBilling.Read.All): a kept sign-in or the App+User and app-only \
            variables give it from the same credentials; with PARTNER_CENTER_TOKEN, give Graph's \
            as PARTNER_CENTER_GRAPH_TOKEN. With no credentials, the demo stub serves both.
            """,
        subcommands: [Reconciliation.self, Usage.self]
    )

    struct Reconciliation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export an invoice's reconciliation line items, or the unbilled ones of a period.",
            discussion: "exportBilledReconciliation (--invoice) or exportUnbilledReconciliation (--unbilled)."
        )

        @OptionGroup var export: ExportOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await export.run(billed: "exportBilledReconciliation", unbilled: "exportUnbilledReconciliation", connection: connection)
        }
    }

    struct Usage: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export an invoice's daily-rated usage line items, or the unbilled ones of a period.",
            discussion: "exportBilledUsage (--invoice) or exportUnbilledUsage (--unbilled)."
        )

        @OptionGroup var export: ExportOptions
        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            try await export.run(billed: "exportBilledUsage", unbilled: "exportUnbilledUsage", connection: connection)
        }
    }
}

/// What the export commands share: which export, how long to wait, where its lines go.
struct ExportOptions: ParsableArguments {
    @Option(name: .long, help: "The billed invoice, e.g. G016907411.")
    var invoice: String?

    @Flag(name: .long, help: "The line items not yet billed (with --period and --currency) instead of an invoice's.")
    var unbilled = false

    @Option(name: .long, help: "With --unbilled: current or last (default current).")
    var period: String?

    @Option(name: .long, help: "With --unbilled: the currency, e.g. USD.")
    var currency: String?

    @Option(name: .long, help: "full (every column, the default) or basic.")
    var attributes: String?

    @Option(name: .long, help: "Wait for an export started earlier (its job URL, which a command that stopped printed) instead of starting one.")
    var job: String?

    @Option(name: .long, help: "The longest wait for the export, in minutes (default 60).")
    var maxWait: Int = 60

    @Option(name: .long, help: "ndjson (default: each line as received), json, csv (spreadsheet-safe) or csv-raw.")
    var format: OutputFormat = .ndjson

    @Option(name: .shortAndLong, help: "The file to write (put in place once the whole export is there) instead of standard output.")
    var output: String?

    func validate() throws {
        if job == nil {
            switch (invoice, unbilled) {
            case (nil, false): throw ValidationError("give --invoice ID, or --unbilled with --currency.")
            case (_?, true): throw ValidationError("--invoice and --unbilled exclude each other.")
            case (nil, true) where currency == nil: throw ValidationError("--unbilled needs --currency, e.g. USD.")
            default: break
            }
        }
        if !unbilled, period != nil || currency != nil { throw ValidationError("--period and --currency go with --unbilled.") }
        if maxWait < 1 { throw ValidationError("--max-wait is at least 1 minute.") }
    }

    /// Starts (or resumes) the export and prints its lines.
    func run(billed: String, unbilled unbilledOperation: String, connection options: ConnectionOptions) async throws {
        let operationID = unbilled ? unbilledOperation : billed
        var body: [String: JSONValue] = [:]
        if let invoice { body["invoiceId"] = .string(invoice) }
        if unbilled {
            body["billingPeriod"] = .string(period ?? "current")
            body["currencyCode"] = .string(currency ?? "")
        }
        if let attributes { body["attributeSet"] = .string(attributes) }
        let connection = try options.open(for: format)
        defer { connection.stub?.stop() }
        let client = connection.client.client
        let location: URL
        if let job {
            guard let url = URL(string: job) else { throw UsageError("--job is not a URL: \(job)") }
            location = url
        } else {
            Terminal.progress("asking for the export…")
            location = try await client.startJob(operationID, parameters: [:], body: .object(JSONObject(body.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }))).url
        }
        let waiting = JobWaitOptions(maximumWait: .seconds(maxWait * 60)) { progress in
            Terminal.progress("waiting for the export: \(progress.status) (read \(progress.reads) time\(progress.reads == 1 ? "" : "s"), \(Int(progress.waited.components.seconds)) s)")
        }
        let outcome: JobOutcome
        do {
            outcome = try await client.waitForJob(operationID, at: location, options: waiting)
        } catch {
            Terminal.endProgress()
            if case .jobFailed = error.kind {} else {
                Terminal.note("partner-center: the export goes on; to wait for it again: --job \(location.absoluteString)")
            }
            throw error
        }
        try await write(outcome, of: client)
    }

    /// Every record of every file of `outcome`, in order, to the output.
    private func write(_ outcome: JobOutcome, of client: APIClient) async throws {
        let schemaName = outcome.files.first?.recordSchema
        let properties = schemaName.flatMap { try? client.document.get().schemas[$0]?.properties.keys.sorted() } ?? []
        var output = try RecordLinesOutput(format: format, path: output, schemaProperties: properties)
        var violations = ReportedViolations()
        do {
            for (index, file) in outcome.files.enumerated() {
                try await client.readResultFile(file) { record in
                    try output.write(record)
                    violations.note(record.violations)
                    if output.count % 1_000 == 0 {
                        Terminal.progress("file \(index + 1) of \(outcome.files.count): \(output.count) line items")
                    }
                }
            }
            try output.finish()
        } catch {
            Terminal.endProgress()
            output.abandon()
            throw error
        }
        Terminal.endProgress()
        Terminal.note("partner-center: \(output.count) line item\(output.count == 1 ? "" : "s") from \(outcome.files.count) file\(outcome.files.count == 1 ? "" : "s")\(self.output.map { " written to \($0)" } ?? "")")
        try violations.finish()
    }
}
