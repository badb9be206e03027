import Foundation

#if DistributedTracing
import Tracing

/// The spans of one call, through swift-distributed-tracing (the `DistributedTracing` trait): one for the call, named by its
/// operation id, and one per attempt as its child, named by the method (OpenTelemetry's HTTP
/// client convention). Each attempt's context goes out in its request's headers as the
/// tracer propagates it (a W3C `traceparent` with swift-otel), so the service's own trace
/// joins the caller's.
///
/// The tracer is `InstrumentationSystem.tracer`: the one a `withTracer` scope binds, else
/// the one bootstrapped. With neither (the no-op tracer) nothing is started or injected.
/// Span attributes hold no header value, no query and no body: nothing secret reaches a tracer.
struct CallTrace {
    private let tracer: (any Tracer)?
    private let call: (any Span)?

    init(operationID: String, url: URL) {
        let tracer = InstrumentationSystem.tracer
        guard !(tracer is NoOpTracer) else {
            self.tracer = nil
            call = nil
            return
        }
        let span = tracer.startSpan(operationID, context: InstrumentationContext.current ?? .topLevel, ofKind: .client)
        span.attributes["api.operation.id"] = operationID
        span.attributes["server.address"] = url.host ?? ""
        self.tracer = tracer
        call = span
    }

    /// Runs the call's attempts with the call's span as the current context (spans a
    /// middleware or a transport starts are its children), then ends the span, marked with
    /// the error that ended the call, if one did.
    func run<T>(_ body: () async throws(APIError) -> T) async throws(APIError) -> T {
        guard let call else { return try await body() }
        defer { call.end() }
        let result = await InstrumentationContext.$current.withValue(call.context) { () async -> Result<T, APIError> in
            do throws(APIError) {
                return .success(try await body())
            } catch {
                return .failure(error)
            }
        }
        if case let .failure(error) = result {
            call.attributes["error.type"] = Self.errorType(error.kind)
            call.setStatus(SpanStatus(code: .error, message: error.description))
        }
        return try result.get()
    }

    /// Starts attempt `attempt`'s span and adds its context to `request`'s headers.
    func startAttempt(_ attempt: Int, of request: inout TransportRequest, pathTemplate: String) -> AttemptTrace? {
        guard let tracer, let call else { return nil }
        let span = tracer.startSpan(request.method, context: call.context, ofKind: .client)
        span.attributes["http.request.method"] = request.method
        span.attributes["url.template"] = pathTemplate
        span.attributes["server.address"] = request.url.host ?? ""
        if let port = request.url.port { span.attributes["server.port"] = port }
        if attempt > 1 { span.attributes["http.request.resend_count"] = attempt - 1 }
        tracer.inject(span.context, into: &request.headers, using: HeaderFieldInjector())
        return AttemptTrace(span: span, call: call)
    }

    /// OpenTelemetry's `error.type`: a status code, or what kind of failure.
    static func errorType(_ kind: APIError.Kind) -> String {
        switch kind {
        case let .status(status, _), let .tokenRefused(status, _), let .undeclaredStatus(status), let .resultFileRefused(status, _): "\(status)"
        case .timeout: "timeout"
        case .cancelled: "cancelled"
        case .transport: "transport"
        case .responseTooLarge: "response_too_large"
        case .invalidRequest: "invalid_request"
        case .invalidDocument: "invalid_document"
        case .malformedResponse, .invalidResponse, .decoding, .pagingLoop: "invalid_response"
        case .jobFailed: "job_failed"
        case .jobUnfinished: "job_unfinished"
        }
    }
}

/// One attempt's span.
struct AttemptTrace {
    fileprivate let span: any Span
    fileprivate let call: any Span

    /// Ends the span with the status that answered the attempt.
    func end(status: Int) {
        span.attributes["http.response.status_code"] = status
        call.attributes["http.response.status_code"] = status
        if status >= 400 {
            span.attributes["error.type"] = "\(status)"
            span.setStatus(SpanStatus(code: .error))
        }
        span.end()
    }

    /// Ends the span with the failure no response came with.
    func end(failure: APIError.Kind) {
        span.attributes["error.type"] = CallTrace.errorType(failure)
        span.setStatus(SpanStatus(code: .error))
        span.end()
    }
}

/// Writes a tracer's propagation fields as header fields, replacing one of the same name.
private struct HeaderFieldInjector: Injector {
    func inject(_ value: String, forKey key: String, into carrier: inout [HeaderField]) {
        carrier.removeAll { $0.name.caseInsensitiveCompare(key) == .orderedSame }
        carrier.append(HeaderField(name: key, value: value))
    }
}
#else
/// Without the `DistributedTracing` trait: no span, and nothing added to a request.
struct CallTrace {
    init(operationID: String, url: URL) {}

    func run<T>(_ body: () async throws(APIError) -> T) async throws(APIError) -> T {
        try await body()
    }

    func startAttempt(_ attempt: Int, of request: inout TransportRequest, pathTemplate: String) -> AttemptTrace? {
        nil
    }
}

/// Without the `DistributedTracing` trait there is no attempt span to end.
struct AttemptTrace {
    func end(status: Int) {}
    func end(failure: APIError.Kind) {}
}
#endif
