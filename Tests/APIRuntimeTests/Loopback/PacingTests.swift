import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport

/// The client-wide pause after a 429 over real HTTP on 127.0.0.1, on the virtual clock of a
/// `SleepRecorder` (it moves only by the waits recorded, so nothing here depends on timing).
@Suite("Loopback: pacing after 429")
struct PacingTests {
    /// A server that answers its first request 429 with `retryAfter`, the rest with a page.
    private func throttlingOnce(retryAfter: String?) throws -> LoopbackServer {
        try LoopbackServer { _, index in
            index == 0 ? .json(429, "{}", headers: retryAfter.map { [("Retry-After", $0)] } ?? []) : .ok(pageJSON(ids: ["1"]))
        }
    }

    /// A client with a pacer on `clock`, retrying nothing (so what waits is the pacer alone).
    private func pacedClient(_ server: LoopbackServer, clock: SleepRecorder, pacer: RequestPacer? = nil) -> APIClient {
        makeClient(server) {
            $0.retry = .none
            $0.sleep = clock.sleep
            $0.pacer = pacer ?? RequestPacer(now: clock.now)
        }
    }

    @Test func afterA429TheNextCallWaitsTheRetryAfterBeforeItIsSent() async throws {
        let server = try throttlingOnce(retryAfter: "7")
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = pacedClient(server, clock: clock)
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        #expect(clock.durations == [])

        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(7)], "the second call waited out the first one's Retry-After")
        #expect(server.requestCount == 2)

        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(7)], "once the pause has passed, calls go at once")
    }

    @Test func callsStartedDuringThePauseAllWaitForIt() async throws {
        let server = try throttlingOnce(retryAfter: "3")
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = pacedClient(server, clock: clock)
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        // The clock moves only when a call sleeps: each of these starts before any has waited
        // the whole pause out, so each waits what is left of it when it starts.
        let calls = 5
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<calls {
                group.addTask { _ = try await client.sendJSON("listThings", parameters: listParameters()) }
            }
            try await group.waitForAll()
        }
        #expect(server.requestCount == 1 + calls)
        #expect(clock.durations.count >= 1)
        #expect(clock.durations.reduce(.zero, +) <= .seconds(3) * calls)
        #expect(clock.durations.allSatisfy { $0 > .zero && $0 <= .seconds(3) })
    }

    @Test func aRetryAfterPastTheMaximumPausesForTheMaximum() async throws {
        let server = try throttlingOnce(retryAfter: "600")
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = pacedClient(server, clock: clock, pacer: RequestPacer(maximumPause: .seconds(60), now: clock.now))
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(60)])
    }

    @Test func a429WithoutRetryAfterPausesForTheDefault() async throws {
        let server = try throttlingOnce(retryAfter: nil)
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = pacedClient(server, clock: clock, pacer: RequestPacer(defaultPause: .seconds(2), now: clock.now))
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(2)])
    }

    @Test func aRetriedCallWaitsItsRetryAfterOnceNotAgainForThePause() async throws {
        let server = try throttlingOnce(retryAfter: "4")
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = makeClient(server) {
            $0.sleep = clock.sleep
            $0.pacer = RequestPacer(now: clock.now)
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(4)])
        #expect(server.requestCount == 2)
    }

    @Test func withoutAPacerTheNextCallGoesAtOnce() async throws {
        let server = try throttlingOnce(retryAfter: "7")
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = makeClient(server) {
            $0.retry = .none
            $0.sleep = clock.sleep
        }
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [])
    }

    @Test func clientsGivenOnePacerPauseTogether() async throws {
        let server = try throttlingOnce(retryAfter: "5")
        defer { server.stop() }
        let clock = SleepRecorder()
        let pacer = RequestPacer(now: clock.now)
        let first = pacedClient(server, clock: clock, pacer: pacer)
        let second = pacedClient(server, clock: clock, pacer: pacer)
        await #expect(throws: APIError.self) { try await first.sendJSON("listThings", parameters: listParameters()) }
        #expect(pacer.currentPause == .seconds(5))
        _ = try await second.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(5)])
    }
}
