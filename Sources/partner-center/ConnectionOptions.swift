import ArgumentParser
import Foundation

/// The options every command that calls Partner Center shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .long, help: "The X-Locale header, e.g. fr-FR (default en-US).")
    var locale: String?

    @Option(name: .long, help: "Another Partner Center base URL (also PARTNER_CENTER_BASE_URL).")
    var baseURL: String?

    @Option(name: .long, help: "The MS-CorrelationId to send, a GUID (default: a new one).")
    var correlationId: String?

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
        return try Connection.open(baseURL: baseURL, headerValues: headerValues)
    }
}
