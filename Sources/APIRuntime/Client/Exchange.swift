import Foundation
import Logging
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One call on the wire: headers and token, the attempts with their back-off, one token
/// refresh on 401, then validation of the response against the spec.
struct Exchange {
    let client: APIClient
    let contents: APIDocument.Contents
    let operation: OperationDescription
    let tokenProvider: (any TokenProvider)?

    private var configuration: APIClient.Configuration { client.configuration }

    /// Where a success response's body goes; error responses are read whole in every case.
    enum Delivery {
        /// Read whole and validated (`HTTPTransport.send`).
        case whole
        /// Left unread for the caller (`HTTPTransport.stream`).
        case streamed
        /// Written to this file (`HTTPTransport.download(_:to:)`).
        case file(URL)
    }

    /// What a call ends with: a validated response, or for a download the head of a success
    /// response whose body is still to be read, or has been written to the file.
    enum Outcome {
        case validated(ValidatedResponse)
        case streamed(TransportStreamedResponse, context: APIError)
        case downloaded(TransportResponse, context: APIError)
    }

    func run(method: String, url: URL, extraHeaders: [HeaderField], body: Data?) async throws(APIError) -> ValidatedResponse {
        switch try await run(method: method, url: url, extraHeaders: extraHeaders, body: body, delivery: .whole) {
        case let .validated(response): return response
        case let .streamed(_, context), let .downloaded(_, context):
            throw context.with(.invalidDocument("a downloaded response where none was asked for"))
        }
    }

    func run(method: String, url: URL, extraHeaders: [HeaderField], body: Data?, delivery: Delivery) async throws(APIError) -> Outcome {
        let trace = CallTrace(operationID: operation.id, url: url)
        return try await trace.run { () async throws(APIError) -> Outcome in
            var tokens: [String] = []
            do throws(APIError) {
                return try await attempts(
                    method: method, url: url, extraHeaders: extraHeaders, body: body, delivery: delivery, trace: trace, tokens: &tokens
                )
            } catch {
                // A server may echo the token without a "Bearer " marker: remove it by value too.
                var failure = tokens.reduce(error) { $0.redacting($1) }
                if case let .status(status, _) = failure.kind, status == 401 || status == 403, tokenProvider?.isAppOnly == true {
                    failure.hint = Self.appOnlyHint
                }
                throw failure
            }
        }
    }

    /// Why an app-only token may be refused.
    static let appOnlyHint = "the token is app-only (client credentials), and this operation may need App+User credentials (a signed-in user)"

    /// The attempts of one call, each with its span in `trace`; `tokens` collects the tokens
    /// sent, for redaction.
    private func attempts(
        method: String, url: URL, extraHeaders: [HeaderField], body: Data?, delivery: Delivery, trace: CallTrace, tokens: inout [String]
    ) async throws(APIError) -> Outcome {
        let requestID = UUID().uuidString.lowercased()
        // The operation's own headers (its header parameters, the body's Content-Type) replace
        // shared headers of the same name: `Accept: application/pdf` for a download.
        let extraHeaders = extraHeaders + configuration.additionalHeaders
        let own = Set(extraHeaders.map { $0.name.lowercased() })
        let headers = client.sharedHeaders(contents, requestID: requestID).filter { !own.contains($0.name.lowercased()) } + extraHeaders
        var context = APIError(.cancelled)
        context.operationID = operation.id
        context.requestID = sentValue(of: .uuidPerCall, in: headers)
        context.correlationID = sentValue(of: .uuidPerClient, in: headers)
        for header in headers where !Self.isSafe(header) {
            throw context.with(.invalidRequest(["header \(header.name) contains a control character"]))
        }
        // A request whose effect is unknown after a failure (a 5xx, a timeout, a dropped
        // connection) is sent again only when repeating it is safe: the spec's `idempotent:`
        // for the operation's own request, the method's semantics for a next-page link.
        let isIdempotent = method == operation.method ? operation.isIdempotent : Self.isIdempotent(method)
        let started = ContinuousClock.now
        var rejected: String?
        var attempt = 0
        // What the last retry cost the client's budget: given back when it succeeds.
        var lastRetryCost: Int?
        // The time spent waiting between attempts so far, bounded by the policy's total.
        var waited = Duration.zero
        while true {
            attempt += 1
            if Task.isCancelled { throw context.with(.cancelled) }
            if let pacer = configuration.pacer { try await pace(pacer, started: started, context: context) }
            let remaining = configuration.callTimeout - (ContinuousClock.now - started)
            guard remaining > .zero else { throw context.with(.timeout) }
            var request = TransportRequest(
                method: method, url: url, headers: headers, body: body, timeout: min(configuration.requestTimeout, remaining),
                maximumResponseBytes: configuration.maximumResponseBytes
            )
            let token = try await token(replacing: rejected, context: context)
            if let token {
                tokens.append(token)
                request.headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)"))
            }
            let attemptTrace = trace.startAttempt(attempt, of: &request, pathTemplate: operation.path)
            let attemptStarted = ContinuousClock.now
            let response: TransportResponse
            do {
                let body: DeliveredBody
                (response, body) = try await send(request, delivery: delivery)
                if (200...299).contains(response.status), let outcome = try delivered(response, body: body, delivery: delivery) {
                    succeeded(request, attempt: attempt, response: response, since: attemptStarted, trace: attemptTrace, context: &context)
                    configuration.retryBudget?.refund(lastRetryCost)
                    switch outcome {
                    case let .streamed(streamed, _): return .streamed(streamed, context: context)
                    case let .downloaded(downloaded, _): return .downloaded(downloaded, context: context)
                    case .validated: break
                    }
                }
            } catch {
                let failure = Self.failure(error)
                attemptTrace?.end(failure: failure)
                report(request, attempt: attempt, status: nil, since: attemptStarted, requestID: context.requestID, failure: "\(failure)", secrets: tokens)
                switch failure {
                case .cancelled, .responseTooLarge: throw context.with(failure)
                default: break
                }
                let timedOut = if case .timeout = failure { true } else { false }
                if isIdempotent, try await mayRetry(
                    attempt: attempt, started: started, retryAfter: nil, afterTimeout: timedOut, reason: Self.reason(failure), spent: &lastRetryCost,
                    waited: &waited, context: context
                ) { continue }
                throw context.with(failure)
            }
            attemptTrace?.end(status: response.status)
            report(request, attempt: attempt, status: response.status, since: attemptStarted, requestID: context.requestID, failure: nil, response: response, secrets: tokens)
            context.status = response.status
            // A transport of the caller's own may not enforce the limit while reading.
            if response.body.count > configuration.maximumResponseBytes {
                throw context.with(.responseTooLarge(limit: configuration.maximumResponseBytes))
            }
            context.correlationVector = response.header("MS-CV").map(Redaction.redact)
            if response.status == 401, rejected == nil, let token, tokenProvider?.canRefresh == true {
                rejected = token
                continue
            }
            if response.status == 429, let pacer = configuration.pacer {
                let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.seconds(fromRetryAfter: $0, now: Date()) }
                pacer.pause(for: retryAfter.map { .seconds($0) })
            }
            // A 429 was not processed: it is retried for any method.
            if configuration.retry.retriedStatuses.contains(response.status), isIdempotent || response.status == 429,
                try await mayRetry(
                    attempt: attempt, started: started, retryAfter: response.header("Retry-After"), reason: "HTTP \(response.status)", spent: &lastRetryCost,
                    waited: &waited, context: context
                )
            {
                continue
            }
            if (200...299).contains(response.status) { configuration.retryBudget?.refund(lastRetryCost) }
            let validated = try ResponseValidator(
                contents: contents, operation: operation, maximumViolations: configuration.maximumViolations, policy: configuration.validation
            ).validate(response, context: context)
            if !validated.violations.isEmpty { reportViolations(validated.violations, context: context) }
            return .validated(validated)
        }
    }

    /// The bearer token to send, when the spec uses bearer auth and a provider is set: a new
    /// one in place of `rejected` after a 401.
    private func token(replacing rejected: String?, context: APIError) async throws(APIError) -> String? {
        guard contents.usesBearerAuth, let tokenProvider else { return nil }
        let token: String
        do {
            if let rejected {
                token = try await tokenProvider.token(replacing: rejected)
            } else {
                token = try await tokenProvider.token(refresh: false)
            }
        } catch let error as APIError {
            var failure = error
            failure.operationID = failure.operationID ?? operation.id
            throw failure
        } catch {
            throw context.with(.transport("the token provider failed: \(Redaction.redact("\(error)"))"))
        }
        guard Self.isSafe(HeaderField(name: "Authorization", value: token)) else {
            throw context.with(.invalidRequest(["the bearer token contains a control character"]))
        }
        return token
    }

    /// Logs, at `warning`, how a response delivered under ``ValidationPolicy/report`` breaks the spec.
    private func reportViolations(_ violations: [SchemaViolation], context: APIError) {
        let listed = violations.map(\.description).joined(separator: "; ")
        configuration.log.logger?.warning(
            "\(operation.id): the response (HTTP \(context.status.map(String.init) ?? "?")) breaks the spec, delivered as received: \(Redaction.redact(listed))",
            metadata: ["operation": "\(operation.id)", "violations": "\(violations.count)", "ms-request-id": "\(context.requestID ?? "")"]
        )
    }

    /// Waits before the next attempt when the policy and the client's retry budget allow one;
    /// false when they do not. What the retry cost goes in `spent`; the wait is added to `waited`.
    ///
    /// The policy's `maximumTotalDelay` bounds the waits added up, which the client decides
    /// alone, so the same failures get the same retries however busy the machine is; the
    /// call's timeout bounds the time on the clock, attempts included.
    private func mayRetry(
        attempt: Int, started: ContinuousClock.Instant, retryAfter: String?, afterTimeout: Bool = false, reason: String, spent: inout Int?,
        waited: inout Duration, context: APIError
    ) async throws(APIError) -> Bool {
        let policy = configuration.retry
        guard attempt < policy.maximumAttempts else { return false }
        let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
        let elapsed = ContinuousClock.now - started
        guard waited + delay <= policy.maximumTotalDelay, elapsed + delay < configuration.callTimeout else { return false }
        if let budget = configuration.retryBudget {
            guard let cost = budget.spend(afterTimeout: afterTimeout) else {
                configuration.log.logger?.notice("\(operation.id): not retried after \(reason): the client's retry budget is spent")
                return false
            }
            spent = cost
        }
        configuration.log.logger?.notice(
            "\(operation.id): retrying after \(reason) in \(Self.milliseconds(delay)) ms (attempt \(attempt + 1) of \(policy.maximumAttempts))",
            metadata: ["operation": "\(operation.id)", "attempt": "\(attempt + 1)", "ms-request-id": "\(context.requestID ?? "")"]
        )
        try await wait(delay, context: context)
        waited += delay
        return true
    }

    /// Waits, before an attempt, for the pause `pacer` holds after a 429 (at most until the
    /// call's timeout, which the next check then reports).
    private func pace(_ pacer: RequestPacer, started: ContinuousClock.Instant, context: APIError) async throws(APIError) {
        let pause = min(pacer.currentPause, configuration.callTimeout - (ContinuousClock.now - started))
        guard pause > .zero else { return }
        configuration.log.logger?.notice(
            "\(operation.id): waiting \(Self.milliseconds(pause)) ms before sending: the service answered 429 (the client's pacer)",
            metadata: ["operation": "\(operation.id)", "ms-request-id": "\(context.requestID ?? "")"]
        )
        try await wait(pause, context: context)
    }

    /// Sleeps `duration` with the configuration's `sleep`; its failure (a cancelled task) is
    /// the call's cancellation.
    private func wait(_ duration: Duration, context: APIError) async throws(APIError) {
        do {
            try await configuration.sleep(duration)
        } catch {
            throw context.with(.cancelled)
        }
    }

    /// Tells the observer and the logger what one attempt did.
    /// - Parameter secrets: The tokens sent, removed from what is logged by value.
    private func report(
        _ request: TransportRequest, attempt: Int, status: Int?, since start: ContinuousClock.Instant, requestID: String?, failure: String?,
        response: TransportResponse? = nil, secrets: [String] = []
    ) {
        let event = APIEvent(
            operationID: operation.id, method: request.method, path: request.url.path, attempt: attempt, status: status,
            duration: ContinuousClock.now - start, requestID: requestID,
            failure: failure.map { secrets.reduce(Redaction.redact($0)) { $0.replacingOccurrences(of: $1, with: "REDACTED") } }
        )
        configuration.observer?(event)
        guard let logger = configuration.log.logger else { return }
        var metadata: Logger.Metadata = [
            "operation": "\(operation.id)", "method": "\(request.method)", "path": "\(request.url.path)", "attempt": "\(attempt)",
            "status": "\(status.map(String.init) ?? "none")", "duration-ms": "\(Self.milliseconds(event.duration))",
            "ms-request-id": "\(requestID ?? "")",
        ]
        logger.debug("\(event)", metadata: metadata)
        guard logger.logLevel <= .trace else { return }
        let log = configuration.log
        let hide: (String) -> String = { text in secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "REDACTED") } }
        metadata["query"] = "\(hide(log.describeQuery(of: request.url)))"
        metadata["request-headers"] = "\(hide(log.describe(request.headers)))"
        if let response { metadata["response-headers"] = "\(hide(log.describe(response.headers)))" }
        if let body = log.describeBody(request.body) { metadata["request-body"] = "\(hide(body))" }
        if let body = log.describeBody(response?.body) { metadata["response-body"] = "\(hide(body))" }
        logger.trace("\(operation.id): attempt \(attempt) in detail", metadata: metadata)
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// A failure as a retry's reason: its kind, without details.
    private static func reason(_ failure: APIError.Kind) -> String {
        switch failure {
        case .timeout: "a timeout"
        case .transport: "a connection failure"
        default: "a failure"
        }
    }

    /// One attempt through the middlewares and the transport. For a download, a success
    /// response's body goes past the middlewares, into ``DeliveredBody``.
    private func send(_ request: TransportRequest, delivery: Delivery) async throws -> (TransportResponse, DeliveredBody) {
        let transport = configuration.transport
        let maximum = configuration.maximumResponseBytes
        let body = DeliveredBody()
        let response = try await configuration.middlewares.send(request, operationID: operation.id) { request in
            switch delivery {
            case .whole:
                return try await transport.send(request)
            case .streamed:
                let streamed = try await transport.stream(request)
                guard (200...299).contains(streamed.status) else {
                    // An error (or a 401 to refresh, a 429 to wait for): its body is small JSON.
                    return TransportResponse(status: streamed.status, headers: streamed.headers, body: try await streamed.body.collect(upTo: maximum))
                }
                body.stream = streamed.body
                return TransportResponse(status: streamed.status, headers: streamed.headers)
            case let .file(fileURL):
                let fetched = try await transport.download(request, to: fileURL)
                if (200...299).contains(fetched.status) { body.isWritten = true }
                return fetched
            }
        }
        return (response, body)
    }

    /// For a download's success response: the response with its body (the transport's, or
    /// the one a middleware answered with, written to the file); nil for a whole response.
    private func delivered(_ response: TransportResponse, body: DeliveredBody, delivery: Delivery) throws -> Outcome? {
        switch delivery {
        case .whole:
            return nil
        case .streamed:
            let chunks = body.stream ?? ResponseBodyStream(response.body)
            return .streamed(TransportStreamedResponse(status: response.status, headers: response.headers, body: chunks), context: APIError(.cancelled))
        case let .file(fileURL):
            if !body.isWritten {
                let partial = FileReplacement.partialFile(beside: fileURL)
                try response.body.write(to: partial)
                do {
                    try FileReplacement.replace(fileURL, with: partial)
                } catch {
                    try? FileManager.default.removeItem(at: partial)
                    throw error
                }
            }
            return .downloaded(TransportResponse(status: response.status, headers: response.headers), context: APIError(.cancelled))
        }
    }

    /// Records a download's success response: reported, its span ended, and its status and
    /// `MS-CV` in `context`.
    private func succeeded(
        _ request: TransportRequest, attempt: Int, response: TransportResponse, since started: ContinuousClock.Instant, trace: AttemptTrace?,
        context: inout APIError
    ) {
        trace?.end(status: response.status)
        report(request, attempt: attempt, status: response.status, since: started, requestID: context.requestID, failure: nil)
        context.status = response.status
        context.correlationVector = response.header("MS-CV").map(Redaction.redact)
    }

    /// The value sent for the shared header whose value comes from `source` (the request or
    /// correlation id), if the spec has one.
    private func sentValue(of source: APIDocument.SharedHeader.Source, in headers: [HeaderField]) -> String? {
        contents.headers.first { $0.source == source }.flatMap { shared in
            headers.first { $0.name.lowercased() == shared.name.lowercased() }?.value
        }
    }

    private static func isIdempotent(_ method: String) -> Bool {
        ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
    }

    private static func isSafe(_ header: HeaderField) -> Bool {
        let forbidden: Set<Unicode.Scalar> = ["\r", "\n", "\0"]
        return !header.value.unicodeScalars.contains(where: forbidden.contains)
            && !header.name.unicodeScalars.contains { forbidden.contains($0) || $0 == ":" }
    }

    /// The kind of error a transport failure is.
    private static func failure(_ error: any Error) -> APIError.Kind {
        if Task.isCancelled || error is CancellationError { return .cancelled }
        switch error as? HTTPTransportError {
        case let .responseTooLarge(limit)?: return .responseTooLarge(limit: limit)
        case .timedOut?: return .timeout
        case nil: break
        }
        if let error = error as? URLError {
            switch error.code {
            case .cancelled: return .cancelled
            case .timedOut: return .timeout
            default: return .transport(Redaction.redact("\(error.code.rawValue): \(error.localizedDescription)"))
            }
        }
        return .transport(Redaction.redact("\(error)"))
    }
}

extension APIError {
    /// This error's context with another kind.
    func with(_ kind: Kind) -> APIError {
        var copy = self
        copy.kind = kind
        return copy
    }
}

extension APIError.Kind: CustomStringConvertible {
    /// The kind alone, as `APIError.description` words it.
    public var description: String { APIError(self).description }
}

/// A download's success body, which passes the middlewares by the side: the transport's
/// stream, or whether the transport wrote the file.
private final class DeliveredBody: @unchecked Sendable {
    private let lock = NSLock()
    private var streamStorage: ResponseBodyStream?
    private var written = false

    var stream: ResponseBodyStream? {
        get { lock.withLock { streamStorage } }
        set { lock.withLock { streamStorage = newValue } }
    }

    var isWritten: Bool {
        get { lock.withLock { written } }
        set { lock.withLock { written = newValue } }
    }
}
