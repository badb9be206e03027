import Foundation
import TestSupport
import LocalHTTPServer
import Testing

/// Many clients at once while hundreds of idle connections are held: every request is
/// answered. Prints the throughput and latencies it saw (a figure, not an assertion: timings
/// belong to benchmarks, and this machine may be busy).
@Suite("LocalHTTPServer: load")
struct LoadTests {
    @Test func thirtyTwoClientsWhileThreeHundredIdleConnectionsAreHeld() async throws {
        try await LaunchGuard.holdingManyDescriptors { try await load() }
    }

    private func load() async throws {
        try raiseDescriptorLimit(to: 8_192)
        let body = Data(#"{"totalCount":1,"items":[{"id":"1"}]}"#.utf8)
        // The idle connections must outlast the load phase however slow a busy machine makes
        // it (the default idle timeout, 15 s, would rightly close them).
        let server = try LocalHTTPServer(limits: LocalHTTPServer.Limits(maximumWorkers: 16, idleTimeout: .seconds(600))) { _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json")], body: body)
        }
        defer { server.stop() }
        let idle = try await offThePool { try (0..<300).map { _ in try RawConnection(port: server.port) } }

        let clients = 32, requestsEach = 100
        let started = ContinuousClock.now
        let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
            for client in 0..<clients {
                group.addTask {
                    try await offThePool { () -> [Duration] in
                        let connection = try RawConnection(port: server.port)
                        return try (0..<requestsEach).map { index in
                            let sent = ContinuousClock.now
                            connection.send(getRequest("/client/\(client)/\(index)"))
                            guard connection.readResponse()?.status == 200 else {
                                throw RawConnectionError(message: "client \(client) request \(index) failed")
                            }
                            return ContinuousClock.now - sent
                        }
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let elapsed = ContinuousClock.now - started
        #expect(latencies.count == clients * requestsEach)
        // A bound, not a figure: a sanitizer run beside other suites has taken 71 s.
        #expect(elapsed < .seconds(300))

        let sorted = latencies.sorted()
        let perSecond = Double(latencies.count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let milliseconds = { (duration: Duration) in
            String(format: "%.2f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
        }
        print(
            "load: \(latencies.count) requests from \(clients) keep-alive clients beside \(idle.count) idle connections in \(elapsed):",
            "\(Int(perSecond)) requests/s, latency p50 \(milliseconds(sorted[sorted.count / 2])) ms,",
            "p99 \(milliseconds(sorted[sorted.count * 99 / 100])) ms, max \(milliseconds(sorted[sorted.count - 1])) ms"
        )

        // The idle connections were held, not dropped: each still gets an answer.
        let statuses = try await offThePool { idle.prefix(10).map { connection in
            connection.send(getRequest())
            return connection.readResponse()?.status
        } }
        #expect(statuses == Array(repeating: 200, count: 10))
    }
}
