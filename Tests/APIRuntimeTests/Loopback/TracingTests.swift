import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport
#if DistributedTracing
import InMemoryTracing
import Tracing
#endif

@Suite("Loopback: no tracer")
struct NoTracerTests {
    /// Without a tracer (or without the DistributedTracing trait), requests carry no trace context.
    @Test func withoutATracerNothingIsAddedToTheRequest() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        _ = try await makeClient(server).sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.first?.header("traceparent") == nil)
    }
}

#if DistributedTracing
/// A span per call and per attempt, and the attempt's context in its request, over real HTTP
/// on 127.0.0.1. The tracer is bound to each test's task (`withTracer`), never bootstrapped,
/// so the tests run side by side.
@Suite("Loopback: tracing")
struct TracingTests {
    @Test func aSpanPerCallAndPerAttemptEachAttemptSendingItsTraceparent() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let tracer = W3CRecordingTracer()
        let client = makeClient(server)
        _ = try await withTracer(tracer) { try await client.sendJSON("listThings", parameters: listParameters()) }

        let spans = tracer.recorder.finishedSpans
        let call = try #require(spans.first { $0.operationName == "listThings" })
        let attempts = spans.filter { $0.operationName == "GET" }
        #expect(spans.count == 3)
        #expect(call.parentSpanID == nil)
        #expect(call.kind == .client)
        #expect(call.attributes.get("api.operation.id") == .string("listThings"))
        #expect(call.attributes.get("http.response.status_code") == .int64(200))
        #expect(call.status == nil, "the call succeeded")
        #expect(attempts.count == 2)
        #expect(attempts.allSatisfy { $0.parentSpanID == call.spanID && $0.traceID == call.traceID })
        #expect(attempts.map { $0.attributes.get("http.response.status_code") } == [.int64(503), .int64(200)])
        #expect(attempts.map { $0.attributes.get("http.request.resend_count") } == [nil, .int64(1)])
        #expect(attempts[0].attributes.get("url.template") == .string("/v1/things"))
        #expect(attempts[0].status?.code == .error)
        #expect(attempts[1].status == nil)

        // Each request carried its own attempt's span as the parent for the service.
        let sent = server.requests.map { $0.header("traceparent") }
        #expect(sent == attempts.map { "00-\($0.traceID)-\($0.spanID)-01" })
        #expect(sent.allSatisfy { $0.map(W3CRecordingTracer.isTraceparent) == true })
    }

    @Test func theCallersSpanIsTheCallSpansParent() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let tracer = W3CRecordingTracer()
        let client = makeClient(server)
        try await withTracer(tracer) {
            try await withSpan("sync customers") { _ in
                _ = try await client.sendJSON("listThings", parameters: listParameters())
            }
        }
        let spans = tracer.recorder.finishedSpans
        let outer = try #require(spans.first { $0.operationName == "sync customers" })
        let call = try #require(spans.first { $0.operationName == "listThings" })
        #expect(call.parentSpanID == outer.spanID)
        #expect(call.traceID == outer.traceID)
    }

    @Test func aFailedCallsSpansSayHowItFailed() async throws {
        let server = try LoopbackServer.refusingConnections()
        let tracer = W3CRecordingTracer()
        let client = makeClient(server) { $0.retry = .none }
        await #expect(throws: APIError.self) {
            try await withTracer(tracer) { try await client.sendJSON("listThings", parameters: listParameters()) }
        }
        let spans = tracer.recorder.finishedSpans
        let call = try #require(spans.first { $0.operationName == "listThings" })
        let attempt = try #require(spans.first { $0.operationName == "GET" })
        #expect(call.attributes.get("error.type") == .string("transport"))
        #expect(call.status?.code == .error)
        #expect(attempt.attributes.get("error.type") == .string("transport"))
        #expect(attempt.attributes.get("http.response.status_code") == nil)
    }

    @Test func spansHoldNoTokenNoHeaderAndNoQuery() async throws {
        let token = "secret-token-\(UUID().uuidString)"
        let server = try LoopbackServer { _, _ in .json(403, #"{"code":403,"description":"denied for \#(token)"}"#) }
        defer { server.stop() }
        let tracer = W3CRecordingTracer()
        let client = makeClient(server, tokenProvider: StaticTokenProvider(token))
        await #expect(throws: APIError.self) {
            try await withTracer(tracer) { try await client.sendJSON("listThings", parameters: listParameters(prefix: "queryvalue")) }
        }
        var recorded: [String] = []
        for span in tracer.recorder.finishedSpans {
            span.attributes.forEach { name, value in recorded.append("\(name)=\(value)") }
            recorded.append(span.status?.message ?? "")
        }
        #expect(!recorded.isEmpty)
        #expect(!recorded.contains { $0.contains(token) || $0.contains("queryvalue") || $0.lowercased().contains("bearer") })
    }

}

/// swift-distributed-tracing's in-memory tracer, propagating as OpenTelemetry's W3C
/// propagator does: a `traceparent` of version 00, the 32-hex trace id, the 16-hex id of the
/// span the request belongs to, and the sampled flag.
struct W3CRecordingTracer: Tracer {
    let recorder = InMemoryTracer(
        idGenerator: .init(
            nextTraceID: { W3CRecordingTracer.randomHex(bytes: 16) }, nextSpanID: { W3CRecordingTracer.randomHex(bytes: 8) }
        )
    )

    func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> InstrumentationContext, ofKind kind: SpanKind, at instant: @autoclosure () -> Instant,
        function: String, file fileID: String, line: UInt
    ) -> InMemorySpan {
        recorder.startSpan(operationName, context: context(), ofKind: kind, at: instant(), function: function, file: fileID, line: line)
    }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(_ context: InstrumentationContext, into carrier: inout Carrier, using injector: Inject)
    where Carrier == Inject.Carrier {
        guard let span = context.inMemorySpanContext else { return }
        injector.inject("00-\(span.traceID)-\(span.spanID)-01", forKey: "traceparent", into: &carrier)
    }

    func extract<Carrier, Extract: Extractor>(_ carrier: Carrier, into context: inout InstrumentationContext, using extractor: Extract)
    where Carrier == Extract.Carrier {}

    static func randomHex(bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    /// Whether `value` is a W3C Trace Context `traceparent` (version 00, non-zero ids).
    static func isTraceparent(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let hex = Set("0123456789abcdef")
        return parts.count == 4 && parts[0] == "00" && parts[1].count == 32 && parts[2].count == 16 && parts[3].count == 2
            && parts.allSatisfy { $0.allSatisfy(hex.contains) } && parts[1] != String(repeating: "0", count: 32)
            && parts[2] != String(repeating: "0", count: 16)
    }
}
#endif
