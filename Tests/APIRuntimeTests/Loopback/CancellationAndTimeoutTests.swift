import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// A slow server: cancelling the caller or passing a timeout ends the call at once.
@Suite("Loopback: cancellation and timeouts")
struct CancellationAndTimeoutTests {
    /// A server that answers a page once `gate` opens (or after a minute).
    static func serverHeldBy(_ gate: Gate) throws -> LoopbackServer {
        try LoopbackServer { _, _ in
            gate.wait(seconds: 60)
            return .ok(pageJSON(ids: ["1"]))
        }
    }

    @Test func cancellingMidPageEndsIterationAtOnce() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try LoopbackServer { request, _ in
            if request.header("MS-ContinuationToken") == nil {
                return .ok(pageJSON(ids: ["1", "2"], nextURI: "/things?seekOperation=Next", continuationToken: "page-2"))
            }
            gate.wait(seconds: 10)
            return .ok(pageJSON(ids: ["3"]))
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThings", as: ThingCollection.self, parameters: { listParameters() }, items: { $0.items })
        let firstPage = AsyncStream.makeStream(of: [String].self)
        let task = Task {
            var iterator = pages.makeAsyncIterator()
            let first = try await iterator.next()
            firstPage.continuation.yield(first?.items.map(\.id) ?? [])
            return try await iterator.next()
        }
        var received = firstPage.stream.makeAsyncIterator()
        #expect(await received.next() == ["1", "2"])
        await server.waitForRequests(2)
        try #require(server.requestCount == 2, "page 2 was requested and the server is holding it")

        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let elapsed = ContinuousClock.now - cancelled
        // Well before the server's 10 s answer (a loose bound, so a loaded machine does not make it flaky).
        #expect(elapsed < .seconds(6), "ended \(elapsed) after cancellation; the server holds page 2 for 10 s")
        switch result {
        case .success: Issue.record("page 2 arrived after cancellation")
        case let .failure(error):
            let apiError = try #require(error as? APIError, "\(error)")
            #expect(apiError.kind.name == "cancelled", "\(apiError)")
        }
    }

    @Test func cancelledBeforeSendingSendsNothing() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await client.sendJSON("listThings", parameters: listParameters())
        }
        let result = await task.result
        #expect((try? result.get()) == nil)
        #expect((result.error as? APIError)?.kind.name == "cancelled")
        #expect(server.requestCount == 0)
    }

    @Test func cancellationDuringRetryWaitStopsRetrying() async throws {
        // An hour's wait, which the call's budgets allow: only cancellation can end it soon.
        let server = try LoopbackServer { _, _ in .json(503, "{}", headers: [("Retry-After", "3600")]) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.sleep = { try await Task.sleep(for: $0) }
            $0.retry.maximumTotalDelay = .seconds(7_200)
            $0.callTimeout = .seconds(7_200)
        }
        let task = Task { try await client.sendJSON("listThings", parameters: listParameters()) }
        // Under a sanitizer beside CPU-heavy suites, the first request can take many seconds.
        await server.waitForRequests(1, timeout: .seconds(120))
        try #require(server.requestCount == 1, "the first request never arrived")
        try await Task.sleep(for: .milliseconds(50))
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        // The wait was an hour: ending within minutes, however busy the machine (a sanitizer
        // run beside CPU-heavy suites has taken 26 s), means cancellation cut it short.
        #expect(ContinuousClock.now - cancelled < .seconds(600))
        #expect((result.error as? APIError)?.kind.name == "cancelled")
        #expect(server.requestCount == 1)
    }

    @Test func slowResponsePassesTheRequestTimeout() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try Self.serverHeldBy(gate)
        defer { server.stop() }
        let client = makeClient(server) {
            $0.requestTimeout = .milliseconds(300)
            $0.retry = .none
        }
        let started = ContinuousClock.now
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        let elapsed = ContinuousClock.now - started
        #expect(error.kind.name == "timeout", "\(error)")
        #expect(error.requestID != nil)
        // Not at once (FoundationNetworking truncates a 0.3 s timeoutInterval to 0). The server
        // answers only when the test ends, so `.timeout` above already proves that the deadline
        // ended the call; no upper bound on the time, which would measure how busy the test
        // threads are (under a sanitizer they may all be taken for half a minute), not the client.
        #expect(elapsed >= .milliseconds(250), "\(elapsed)")
    }

    @Test func slowResponsePassesTheCallTimeout() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try Self.serverHeldBy(gate)
        defer { server.stop() }
        let client = makeClient(server) { $0.callTimeout = .milliseconds(300) }
        let started = ContinuousClock.now
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        let elapsed = ContinuousClock.now - started
        #expect(error.kind.name == "timeout", "\(error)")
        // Not at once; the server never answers first (see slowResponsePassesTheRequestTimeout).
        #expect(elapsed >= .milliseconds(250), "\(elapsed)")
        #expect(server.requestCount == 1, "no retry once the call's time is spent")
    }

    @Test func timedOutAttemptIsRetried() async throws {
        let gate = Gate()
        defer { gate.open() }
        // The first request is held until the test ends (well past its 300 ms), so that a
        // timeout a loaded machine fires late still comes before that request's answer.
        let server = try LoopbackServer { _, index in
            if index == 0 { gate.wait(seconds: 60) }
            return .ok(pageJSON(ids: ["1"]))
        }
        defer { server.stop() }
        let recorder = EventRecorder()
        let client = makeClient(server) {
            $0.requestTimeout = .milliseconds(300)
            $0.observer = recorder.observer
        }
        let json = try await client.sendJSON("listThings", parameters: listParameters())
        // The first attempt times out and is retried; on a loaded machine a retry may time out
        // too, so: timeouts, then the 200, one request per attempt.
        let events = recorder.events
        #expect(events.count >= 2)
        #expect(events.dropLast().allSatisfy { $0.status == nil && $0.failure == "timed out" }, "\(events)")
        #expect(events.last?.status == 200)
        #expect(json["items"]?.arrayValue?.count == 1)
        #expect(server.requestCount == events.count)
    }
}

extension Result {
    var error: Failure? {
        if case let .failure(error) = self { error } else { nil }
    }
}
