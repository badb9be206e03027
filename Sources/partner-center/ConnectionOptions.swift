import ArgumentParser
import Foundation
import Logging
import PartnerCenter

/// The options every command that calls Partner Center shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The X-Locale header, e.g. fr-FR (default en-US).")
    var locale: String?

    @Option(name: .long, help: "Another Partner Center base URL (also PARTNER_CENTER_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "Another Microsoft Graph base URL, its origin (also PARTNER_CENTER_GRAPH_BASE_URL): for the billing exports.")
    var graphBaseURL: String?

    @Option(name: .long, help: "The MS-CorrelationId to send, a GUID (default: a new one).")
    var correlationId: String?

    @Option(name: .long, help: "What a response that breaks the spec does: warn prints it as received, names each violation on standard error and exits 65 at the end (the default for json, ndjson and csv); strict stops at it and exits 65 (the default for table).")
    var validation: ValidationMode?

    @Flag(name: .shortAndLong, help: "Log each request on standard error: -v a line per attempt and retry, -vv also the headers and query parameters that carry no secret. Never a token.")
    var verbose: Int

    func validate() throws {
        if let correlationId, UUID(uuidString: correlationId) == nil {
            throw ValidationError("--correlation-id must be a GUID, got '\(correlationId)'.")
        }
    }

    /// Opens the connection these options describe, for output in `format`.
    func open(for format: OutputFormat) throws -> Connection {
        var headerValues: [String: String] = [:]
        headerValues["X-Locale"] = locale
        headerValues["MS-CorrelationId"] = correlationId
        let mode = validation ?? ValidationMode.default(for: format)
        let apiBaseURLs = graphBaseURL.map { ["Graph": $0] } ?? [:]
        return try Connection.open(baseURL: baseURL, apiBaseURLs: apiBaseURLs, headerValues: headerValues, validation: mode.policy, logger: logger)
    }

    /// The logger `--verbose` asks for: to standard error, at debug (`-v`) or trace (`-vv`).
    private var logger: Logger? {
        guard verbose > 0 else { return nil }
        var logger = Logger(label: "partner-center") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose > 1 ? Logger.Level.trace : Logger.Level.debug
        return logger
    }
}

/// `--validation`: what a response that breaks the spec does.
enum ValidationMode: String, ExpressibleByArgument, CaseIterable {
    /// Stop at the response, print nothing of it, exit 65.
    case strict
    /// Print everything as received, each violation on standard error, exit 65 at the end.
    case warn

    /// `warn` for the formats that print what was received (`json`, `ndjson`, `csv`,
    /// `csv-raw`); `strict` for `table`, which shows chosen columns only.
    static func `default`(for format: OutputFormat) -> ValidationMode {
        format == .table ? .strict : .warn
    }

    /// The client's policy for this mode.
    var policy: ValidationPolicy {
        switch self {
        case .strict: .strict
        case .warn: .report
        }
    }
}
