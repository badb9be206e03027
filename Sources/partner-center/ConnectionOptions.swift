import ArgumentParser
import Foundation
import Logging

/// The options every command that calls Partner Center shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The X-Locale header, e.g. fr-FR (default en-US).")
    var locale: String?

    @Option(name: .long, help: "Another Partner Center base URL (also PARTNER_CENTER_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "The MS-CorrelationId to send, a GUID (default: a new one).")
    var correlationId: String?

    @Flag(name: .shortAndLong, help: "Log each request on standard error: -v a line per attempt and retry, -vv also the headers and query parameters that carry no secret. Never a token.")
    var verbose: Int

    func validate() throws {
        if let correlationId, UUID(uuidString: correlationId) == nil {
            throw ValidationError("--correlation-id must be a GUID, got '\(correlationId)'.")
        }
    }

    /// Opens the connection these options describe.
    func open() throws -> Connection {
        var headerValues: [String: String] = [:]
        headerValues["X-Locale"] = locale
        headerValues["MS-CorrelationId"] = correlationId
        return try Connection.open(baseURL: baseURL, headerValues: headerValues, logger: logger)
    }

    /// The logger `--verbose` asks for: to standard error, at debug (`-v`) or trace (`-vv`).
    private var logger: Logger? {
        guard verbose > 0 else { return nil }
        var logger = Logger(label: "partner-center") { label in StreamLogHandler.standardError(label: label) }
        logger.logLevel = verbose > 1 ? Logger.Level.trace : Logger.Level.debug
        return logger
    }
}
