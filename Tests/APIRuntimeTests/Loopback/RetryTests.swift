import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport

/// Retries over real HTTP, with waits recorded by an injected clock instead of slept.
@Suite("Loopback: retries")
struct RetryTests {
    /// A client of `server` that makes three attempts and records its waits on `clock`.
    static func threeAttemptClient(_ server: LoopbackServer, sleepingOn clock: SleepRecorder) -> APIClient {
        makeClient(server) {
            $0.retry = RetryPolicy(maximumAttempts: 3)
            $0.sleep = clock.sleep
        }
    }

    @Test func tooManyRequestsWaitsRetryAfterSecondsThenSucceeds() async throws {
        let server = try LoopbackServer { _, index in
            index == 0
                ? .json(429, #"{"statusCode":429,"message":"Rate limit is exceeded"}"#, headers: [("Retry-After", "1")])
                : .ok(pageJSON(ids: ["1"]))
        }
        defer { server.stop() }
        let clock = SleepRecorder()
        let json = try await makeClient(server) { $0.sleep = clock.sleep }.sendJSON("listThings", parameters: listParameters())
        #expect(json["items"]?.arrayValue?.count == 1)
        #expect(clock.durations == [.seconds(1)])
        #expect(server.requestCount == 2)
    }

    @Test func retryAfterAsHTTPDateIsHonoured() async throws {
        // The dates are made when the server answers, and the wait is compared with the time
        // left until that date when the client decided it: however slow a busy machine is
        // between the two, the wait is the date's (at one-second resolution).
        let madeAt = Timestamps()
        let httpDate: @Sendable (TimeInterval) -> String = { offset in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let now = Date()
            madeAt.add(now)
            return formatter.string(from: now.addingTimeInterval(offset))
        }
        let server = try LoopbackServer { _, index in
            switch index {
            case 0: .json(503, "{}", headers: [("Retry-After", httpDate(20))])
            case 1: .json(503, "{}", headers: [("Retry-After", httpDate(-60))])
            default: .ok(pageJSON(ids: ["1"]))
            }
        }
        defer { server.stop() }
        let clock = SleepRecorder()
        let sleptAt = Timestamps()
        _ = try await makeClient(server) { configuration in
            configuration.sleep = { duration in
                sleptAt.add(Date())
                try await clock.sleep(duration)
            }
        }.sendJSON("listThings", parameters: listParameters())
        let waits = clock.durations
        try #require(waits.count == 2)
        let left = max(0, 20 - sleptAt.all[0].timeIntervalSince(madeAt.all[0]))
        #expect(abs(waits[0].seconds - left) <= 1.5, "waited \(waits[0]) with \(left) s left until the date")
        #expect(waits[1] == .zero, "a date in the past means retry now")
    }

    /// Dates recorded from server and client closures.
    final class Timestamps: @unchecked Sendable {
        private let lock = NSLock()
        private var dates: [Date] = []
        var all: [Date] { lock.withLock { dates } }
        func add(_ date: Date) { lock.withLock { dates.append(date) } }
    }

    @Test func serviceUnavailableStormExhaustsAttempts() async throws {
        let server = try LoopbackServer { _, _ in .json(503, #"{"code":"ServiceUnavailable","description":"try later"}"#) }
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = Self.threeAttemptClient(server, sleepingOn: clock)
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        let (status, body) = try #require(error.kind.statusBody)
        #expect(status == 503)
        #expect(body?.code == "ServiceUnavailable")
        #expect(error.status == 503)
        #expect(server.requestCount == 3)
        // Exponential back-off with jitter: 0.5 s then 1 s, each scaled by 0.5…1.
        let waits = clock.durations
        try #require(waits.count == 2)
        #expect((0.25...0.5).contains(waits[0].seconds), "\(waits)")
        #expect((0.5...1.0).contains(waits[1].seconds), "\(waits)")
    }

    @Test func retryStopsAtTheTotalDelayLimit() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}", headers: [("Retry-After", "10")]) }
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = makeClient(server) {
            $0.retry = RetryPolicy(maximumAttempts: 10, maximumTotalDelay: .seconds(5))
            $0.sleep = clock.sleep
        }
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.statusBody?.status == 503)
        #expect(clock.durations.isEmpty, "a 10 s wait would pass the 5 s budget")
        #expect(server.requestCount == 1)
    }

    @Test func theTotalDelayLimitBoundsTheWaitsAddedUp() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}", headers: [("Retry-After", "3")]) }
        defer { server.stop() }
        let clock = SleepRecorder()
        let client = makeClient(server) {
            $0.retry = RetryPolicy(maximumAttempts: 10, maximumTotalDelay: .seconds(5))
            $0.sleep = clock.sleep
        }
        await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        #expect(clock.durations == [.seconds(3)], "a second 3 s wait would make 6 s, past the 5 s limit")
        #expect(server.requestCount == 2)
    }

    @Test(arguments: [408, 429, 500, 502, 503, 504])
    func retriedStatusIsRetriedOnceThenSucceeds(status: Int) async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(status, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let clock = SleepRecorder()
        _ = try await makeClient(server) { $0.sleep = clock.sleep }.sendJSON("listThings", parameters: listParameters())
        #expect(server.requestCount == 2)
        #expect(clock.durations.count == 1)
    }

    @Test(arguments: [400, 403, 404, 409])
    func otherClientErrorsAreNotRetried(status: Int) async throws {
        let server = try LoopbackServer { _, _ in .json(status, #"{"code":\#(status),"description":"no"}"#) }
        defer { server.stop() }
        let clock = SleepRecorder()
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server) { $0.sleep = clock.sleep }.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.statusBody?.status == status)
        #expect(server.requestCount == 1)
        #expect(clock.durations.isEmpty)
    }

    @Test func nonIdempotentRequestIsNotRetried() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}") }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("createThing", parameters: [:])
        })
        #expect(error.kind.statusBody?.status == 503)
        #expect(server.requests.map(\.method) == ["POST"])
    }

    @Test func sameRequestIdOnEveryRetryAndNewOnePerCall() async throws {
        let server = try LoopbackServer { _, index in index % 3 == 2 ? .ok(pageJSON(ids: ["1"])) : .json(500, "{}") }
        defer { server.stop() }
        let client = makeClient(server)
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        let ids = server.requests.map { $0.header("MS-RequestId") }
        try #require(ids.count == 6)
        #expect(Set(ids[0..<3]).count == 1, "one id for a call and its retries")
        #expect(Set(ids[3..<6]).count == 1)
        #expect(ids[0] != ids[3], "a new id per call")
        #expect(Set(server.requests.map { $0.header("MS-CorrelationId") }).count == 1)
    }

    @Test func connectionRefusedIsRetriedThenTransportError() async throws {
        let server = try LoopbackServer.refusingConnections()
        let clock = SleepRecorder()
        let client = Self.threeAttemptClient(server, sleepingOn: clock)
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.name == "transport", "\(error)")
        #expect(error.status == nil)
        #expect(clock.durations.count == 2)
    }
}

/// The observer hears about every attempt, with no secrets.
@Suite("Loopback: observability")
struct ObservabilityTests {
    @Test func observerReceivesOneEventPerAttempt() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let recorder = EventRecorder()
        let client = makeClient(server) { $0.observer = recorder.observer }
        _ = try await client.sendJSON("listThings", parameters: listParameters())

        let events = recorder.events
        try #require(events.count == 2)
        let requestID = server.requests[0].header("MS-RequestId")
        for (index, event) in events.enumerated() {
            #expect(event.operationID == "listThings")
            #expect(event.method == "GET")
            #expect(event.path == "/v1/things", "the path, without the query")
            #expect(event.attempt == index + 1)
            #expect(event.requestID == requestID)
            #expect(event.failure == nil)
            #expect(event.duration >= .zero)
            #expect(!event.description.contains("filter"))
        }
        #expect(events.map(\.status) == [503, 200])
        #expect(events[1].description.hasPrefix("listThings: GET /v1/things 200 attempt 2 "))
        #expect(events[1].description.contains("request \(requestID ?? "?")"))
    }

    @Test func transportFailureIsReportedWithoutStatus() async throws {
        let server = try LoopbackServer.refusingConnections()
        let recorder = EventRecorder()
        let client = makeClient(server) {
            $0.observer = recorder.observer
            $0.retry = .none
        }
        _ = await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) }
        let event = try #require(recorder.events.first)
        #expect(recorder.events.count == 1)
        #expect(event.status == nil)
        #expect(event.failure != nil)
        #expect(event.description.contains("no response"))
    }
}
