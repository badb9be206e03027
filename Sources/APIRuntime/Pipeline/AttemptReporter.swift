import Logging

/// The stage that tells what each attempt did: an `APIEvent` to the configuration's observer,
/// a `debug` line to its logger (and at `trace` the attempt in detail, headers and bodies as
/// `LogOptions` allows), with every token sent removed by value.
struct AttemptReporter {
    let configuration: APIClient.Configuration
    let operationID: String

    /// Reports one attempt.
    /// - Parameters:
    ///   - status: The response's status; nil when it failed without one.
    ///   - failure: What failed, for an attempt without a response.
    ///   - secrets: The tokens sent, removed from what is reported.
    func report(
        _ request: TransportRequest, attempt: Int, status: Int?, since start: ContinuousClock.Instant, requestID: String?, failure: String?,
        response: TransportResponse? = nil, secrets: [String] = []
    ) {
        let hide: (String) -> String = { text in secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "REDACTED") } }
        let event = APIEvent(
            operationID: operationID, method: request.method, path: request.url.path, attempt: attempt, status: status,
            duration: ContinuousClock.now - start, requestID: requestID, failure: failure.map { hide(Redaction.redact($0)) }
        )
        configuration.observer?(event)
        guard let logger = configuration.log.logger else { return }
        var metadata: Logger.Metadata = [
            "operation": "\(operationID)", "method": "\(request.method)", "path": "\(request.url.path)", "attempt": "\(attempt)",
            "status": "\(status.map(String.init) ?? "none")", "duration-ms": "\(event.duration.wholeMilliseconds)",
            "ms-request-id": "\(requestID ?? "")",
        ]
        logger.debug("\(event)", metadata: metadata)
        guard logger.logLevel <= .trace else { return }
        let log = configuration.log
        metadata["query"] = "\(hide(log.describeQuery(of: request.url)))"
        metadata["request-headers"] = "\(hide(log.describe(request.headers)))"
        if let response { metadata["response-headers"] = "\(hide(log.describe(response.headers)))" }
        if let body = log.describeBody(request.body) { metadata["request-body"] = "\(hide(body))" }
        if let body = log.describeBody(response?.body) { metadata["response-body"] = "\(hide(body))" }
        logger.trace("\(operationID): attempt \(attempt) in detail", metadata: metadata)
    }

    /// Logs, at `warning`, how a response delivered under ``ValidationPolicy/report`` breaks the spec.
    func reportViolations(_ violations: [SchemaViolation], context: CallContext) {
        let listed = violations.map(\.description).joined(separator: "; ")
        configuration.log.logger?.warning(
            "\(operationID): the response (HTTP \(context.status.map(String.init) ?? "?")) breaks the spec, delivered as received: \(Redaction.redact(listed))",
            metadata: ["operation": "\(operationID)", "violations": "\(violations.count)", "ms-request-id": "\(context.requestID ?? "")"]
        )
    }
}
