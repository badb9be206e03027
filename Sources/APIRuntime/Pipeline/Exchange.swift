import Foundation

/// One call on the wire, through its stages in order: ``CallHeaders`` (request ids and shared
/// headers), the user's per-call middlewares (`perCall`), then per attempt ``PacingStage``,
/// the user's middlewares placed before authentication (`perAttempt`), ``AuthenticationStage``
/// (a token, and one new one after a 401), ``AttemptReporter`` with the attempt's span (tracing
/// and logging), and ``TransportStage`` (the user's middlewares placed before the transport,
/// and the transport), with ``RetryStage`` deciding whether a failed
/// attempt is sent again; then the response's validation against the spec
/// (`ResponseValidator`). The call's span wraps them all (`CallTrace`).
struct Exchange {
    let client: APIClient
    let contents: APIDocument.Contents
    let operation: OperationDescription

    var configuration: APIClient.Configuration { client.configuration }

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
        case streamed(TransportStreamedResponse, context: CallContext)
        case downloaded(TransportResponse, context: CallContext)
    }

    func run(method: String, url: URL, extraHeaders: [HeaderField], body: Data?) async throws(APIError) -> ValidatedResponse {
        switch try await run(method: method, url: url, extraHeaders: extraHeaders, body: body, delivery: .whole) {
        case let .validated(response): return response
        case let .streamed(_, context), let .downloaded(_, context):
            throw context.error(.invalidDocument("a downloaded response where none was asked for"))
        }
    }

    func run(method: String, url: URL, extraHeaders: [HeaderField], body: Data?, delivery: Delivery) async throws(APIError) -> Outcome {
        let trace = CallTrace(operationID: operation.id, url: url)
        let api = contents.api(of: operation)
        let authentication = AuthenticationStage(usesBearerAuth: api.usesBearerAuth, tokenProvider: client.tokenProvider(of: api), operationID: operation.id)
        return try await trace.run { () async throws(APIError) -> Outcome in
            let tokens = TokensSent()
            do throws(APIError) {
                let (headers, context) = try CallHeaders(client: client, api: api, operationID: operation.id).make(extraHeaders: extraHeaders)
                let request = TransportRequest(method: method, url: url, headers: headers, body: body)
                let ended = try await perCall(request, context: context) { request async throws(APIError) -> Ended in
                    try await attempts(request, context: context, delivery: delivery, trace: trace, authentication: authentication, tokens: tokens)
                }
                return try finish(ended, delivery: delivery)
            } catch {
                throw authentication.explained(error, tokensSent: tokens.all)
            }
        }
    }

    /// The call's outcome: a delivered body as it is, a response validated against the spec.
    private func finish(_ ended: Ended, delivery: Delivery) throws(APIError) -> Outcome {
        switch ended {
        case let .delivered(outcome):
            return outcome
        case let .response(response, context):
            // A download's success that a per-call middleware answered with: its body delivered.
            if (200...299).contains(response.status) {
                let stage = TransportStage(configuration: configuration, operationID: operation.id)
                do {
                    if let outcome = try stage.delivered(response, body: DeliveredBody(), delivery: delivery, context: context) { return outcome }
                } catch {
                    throw context.error(TransportStage.failure(error))
                }
            }
            let validated = try ResponseValidator(
                contents: contents, operation: operation, maximumViolations: configuration.maximumViolations, policy: configuration.validation
            ).validate(response, context: context)
            if !validated.violations.isEmpty {
                AttemptReporter(configuration: configuration, operationID: operation.id).reportViolations(validated.violations, context: context)
            }
            return .validated(validated)
        }
    }

    /// The attempts of one call, each with its span in `trace`; `tokens` collects the tokens
    /// sent, for redaction. `request` is the call's: its method, URL, headers and body.
    private func attempts(
        _ call: TransportRequest, context: CallContext, delivery: Delivery, trace: CallTrace, authentication: AuthenticationStage, tokens: TokensSent
    ) async throws(APIError) -> Ended {
        var context = context
        // The spec's `idempotent:` for the operation's own request, the method's semantics for
        // a next-page link.
        let isIdempotent = call.method == operation.method.rawValue ? operation.isIdempotent : OperationDescription.isIdempotent(method: call.method)
        var retry = RetryStage(configuration: configuration, operationID: operation.id, isIdempotent: isIdempotent)
        let pacing = PacingStage(configuration: configuration, operationID: operation.id)
        let reporter = AttemptReporter(configuration: configuration, operationID: operation.id)
        let transport = TransportStage(configuration: configuration, operationID: operation.id)
        var rejected: String?
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw context.error(.cancelled) }
            try await pacing.waitBeforeAttempt(started: retry.started, context: context)
            let remaining = configuration.callTimeout - (ContinuousClock.now - retry.started)
            guard remaining > .zero else { throw context.error(.timeout) }
            var unsigned = call
            unsigned.timeout = min(configuration.requestTimeout, remaining)
            unsigned.maximumResponseBytes = configuration.maximumResponseBytes
            let attemptStarted = ContinuousClock.now
            let sent = SentAttempt(unsigned)
            let response: TransportResponse
            do {
                response = try await perAttempt(unsigned) { [rejected, context, attempt] request in
                    // Authentication, the attempt's span and the transport, after the middlewares placed before them.
                    var request = request
                    let token: String?
                    do throws(APIError) {
                        token = try await authentication.token(replacing: rejected, context: context)
                    } catch {
                        throw SentAttempt.AuthenticationFailed(error: error)
                    }
                    if let token {
                        tokens.append(token)
                        request.headers.append(HeaderField(name: "Authorization", value: "Bearer \(token)"))
                    }
                    let attemptTrace = trace.startAttempt(attempt, of: &request, pathTemplate: operation.path)
                    sent.record(request, token: token, trace: attemptTrace)
                    let (response, delivered) = try await transport.send(request, delivery: delivery)
                    sent.delivered = delivered
                    return response
                }
                if (200...299).contains(response.status) {
                    var succeeded = context
                    succeeded.status = response.status
                    succeeded.correlationVector = response.header("MS-CV").map(Redaction.redact)
                    if let outcome = try transport.delivered(response, body: sent.delivered, delivery: delivery, context: succeeded) {
                        sent.trace?.end(status: response.status)
                        reporter.report(sent.request, attempt: attempt, status: response.status, since: attemptStarted, requestID: context.requestID, failure: nil)
                        retry.refund()
                        return .delivered(outcome)
                    }
                }
            } catch let error as SentAttempt.AuthenticationFailed {
                throw error.error
            } catch {
                let failure = TransportStage.failure(error)
                sent.trace?.end(failure: failure)
                reporter.report(sent.request, attempt: attempt, status: nil, since: attemptStarted, requestID: context.requestID, failure: "\(failure)", secrets: tokens.all)
                switch failure {
                case .cancelled, .responseTooLarge: throw context.error(failure)
                default: break
                }
                if try await retry.mayRetry(after: failure, attempt: attempt, context: context) { continue }
                throw context.error(failure)
            }
            let request = sent.request
            let token = sent.token
            let attemptTrace = sent.trace
            attemptTrace?.end(status: response.status)
            reporter.report(request, attempt: attempt, status: response.status, since: attemptStarted, requestID: context.requestID, failure: nil, response: response, secrets: tokens.all)
            context.status = response.status
            // A transport of the caller's own may not enforce the limit while reading.
            if response.body.count > configuration.maximumResponseBytes {
                throw context.error(.responseTooLarge(limit: configuration.maximumResponseBytes))
            }
            context.correlationVector = response.header("MS-CV").map(Redaction.redact)
            if authentication.shouldResend(after: response, token: token, rejected: rejected) {
                rejected = token
                continue
            }
            pacing.pause(after: response)
            if try await retry.mayRetry(after: response, attempt: attempt, context: context) { continue }
            if (200...299).contains(response.status) { retry.refund() }
            return .response(response, context: context)
        }
    }
}

/// The tokens one call has sent, for their redaction from what it reports and throws.
final class TokensSent: Sendable {
    private let tokens = LockedValue<[String]>([])

    func append(_ token: String) {
        tokens.withLock { $0.append(token) }
    }

    var all: [String] { tokens.withLock { $0 } }
}

extension APIError.Kind: CustomStringConvertible {
    /// The kind alone, as `APIError.description` words it.
    public var description: String { APIError(self).description }
}
