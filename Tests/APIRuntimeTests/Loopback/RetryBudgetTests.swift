import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport

/// The client-wide retry budget over real HTTP on 127.0.0.1, with an injected sleep.
@Suite("Loopback: retry budget")
struct RetryBudgetTests {
    @Test func aStormOfConcurrentCallsStopsRetryingWhenTheBudgetIsSpent() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}") }
        defer { server.stop() }
        // Room for four retries in all; each call alone would retry three times.
        let budget = RetryBudget(capacity: 20, retryCost: 5)
        let client = makeClient(server) { $0.retryBudget = budget }
        let calls = 10
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<calls {
                group.addTask { _ = try? await client.sendJSON("listThings", parameters: listParameters()) }
            }
        }
        #expect(server.requestCount == calls + 4, "\(server.requestCount) requests")
        #expect(budget.available == 0)
    }

    @Test func withoutABudgetEachCallRetriesItsFullShare() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}") }
        defer { server.stop() }
        let client = makeClient(server) { $0.retryBudget = nil }
        for _ in 0..<3 { _ = try? await client.sendJSON("listThings", parameters: listParameters()) }
        #expect(server.requestCount == 3 * RetryPolicy().maximumAttempts)
    }

    @Test func successesGiveTokensBack() async throws {
        let server = try LoopbackServer { _, index in index % 2 == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let budget = RetryBudget(capacity: 10, retryCost: 5, successReward: 1)
        let client = makeClient(server) { $0.retryBudget = budget }
        // Each call: a 503, a retry (5 tokens), a success (the 5 back).
        for _ in 0..<5 { _ = try await client.sendJSON("listThings", parameters: listParameters()) }
        #expect(budget.available == 10)
        #expect(server.requestCount == 10)
    }

    @Test func aLongRetryAfterIsWaitedAsGivenWithinTheCallsBudget() async throws {
        let server = try LoopbackServer { _, index in
            index == 0 ? .json(429, "{}", headers: [("Retry-After", "45")]) : .ok(pageJSON(ids: ["1"]))
        }
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = makeClient(server) { $0.sleep = clock.sleep }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(clock.durations == [.seconds(45)], "past maximumDelay (30 s), below maximumTotalDelay (120 s)")

        let tooLong = try LoopbackServer { _, _ in .json(429, "{}", headers: [("Retry-After", "600")]) }
        defer { tooLong.stop() }
        let error = try #require(await #expect(throws: APIError.self) { try await makeClient(tooLong).sendJSON("listThings", parameters: listParameters()) })
        guard case .status(429, _) = error.kind else { throw error }
        #expect(tooLong.requestCount == 1, "a wait past the call's budget is not started")
    }
}
