import Foundation
import TestSupport
import LocalHTTPServer
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keep-alive, pipelining, and the bounds on connections and threads.
@Suite("LocalHTTPServer: connections")
struct ConnectionTests {
    @Test func keptAliveConnectionCarriesSeveralRequests() async throws {
        let server = try HostileClientTests.echoServer()
        defer { server.stop() }
        let responses = try await offThePool { () -> [RawResponse?] in
            let connection = try RawConnection(port: server.port)
            return (0..<3).map { index in
                connection.send(getRequest("/\(index)"))
                return connection.readResponse()
            }
        }
        #expect(responses.map { $0?.status } == [200, 200, 200])
        #expect(responses.map { $0?.header("Connection") } == ["keep-alive", "keep-alive", "keep-alive"])
        let connections = Set(responses.compactMap { $0.map { String(decoding: $0.body, as: UTF8.self) } }.map { $0.split(separator: ":").last })
        #expect(connections.count == 1, "all three on one connection: \(connections)")
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let server = try HostileClientTests.echoServer()
        defer { server.stop() }
        let bodies = try await offThePool { () -> [String] in
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/a") + "POST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi" + getRequest("/c"))
            return (0..<3).compactMap { _ in connection.readResponse().map { String(decoding: $0.body, as: UTF8.self) } }
        }
        #expect(bodies.count == 3)
        #expect(bodies.map { $0.contains(#""path":"/a""#) } == [true, false, false])
        #expect(bodies.dropFirst().first?.contains(#""path":"/b","bytes":2"#) == true)
        #expect(bodies.last?.contains(#""path":"/c""#) == true)
    }

    @Test func connectionClosesAfterItsRequestLimit() async throws {
        let server = try HostileClientTests.echoServer(limits: LocalHTTPServer.Limits(maximumRequestsPerConnection: 3))
        defer { server.stop() }
        let (headers, closed) = try await offThePool { () -> ([String?], Bool) in
            let connection = try RawConnection(port: server.port)
            let headers = (0..<3).map { _ in
                connection.send(getRequest())
                return connection.readResponse()?.header("Connection")
            }
            return (headers, connection.isClosedByServer())
        }
        #expect(headers == ["keep-alive", "keep-alive", "close"])
        #expect(closed)
    }

    @Test func http10AndConnectionCloseEndTheConnection() async throws {
        let server = try HostileClientTests.echoServer()
        defer { server.stop() }
        for request in ["GET / HTTP/1.0\r\n\r\n", getRequest(headers: ["Connection: close"])] {
            let (response, closed) = try await offThePool {
                let connection = try RawConnection(port: server.port)
                connection.send(request)
                return (connection.readResponse(), connection.isClosedByServer())
            }
            #expect(response?.status == 200)
            #expect(response?.header("Connection") == "close")
            #expect(closed)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        let server = try HostileClientTests.echoServer()
        defer { server.stop() }
        let (interim, final) = try await offThePool { () -> (RawResponse?, RawResponse?) in
            let connection = try RawConnection(port: server.port)
            connection.send("POST /upload HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = connection.readResponse()
            connection.send("hello")
            return (interim, connection.readResponse())
        }
        #expect(interim?.status == 100)
        #expect(final?.status == 200)
        #expect(final.map { String(decoding: $0.body, as: UTF8.self) }?.contains(#""bytes":5"#) == true)
    }

    @Test func connectionsOverTheLimitAreAnswered503AndNoThreadIsSpentOnIdleOnes() async throws {
        try await LaunchGuard.holdingManyDescriptors { try await overTheLimit() }
    }

    private func overTheLimit() async throws {
        try raiseDescriptorLimit(to: 8_192)
        let server = try HostileClientTests.echoServer(limits: LocalHTTPServer.Limits(
            maximumConnections: 300, maximumWorkers: 8, requestTimeout: .seconds(300), idleTimeout: .seconds(300)
        ))
        defer { server.stop() }
        // 2,000 connections that send nothing: 300 are held, the rest are told to come back.
        // The timeouts are generous: each read returns when its answer arrives, and a busy
        // machine running every suite at once (under a sanitizer) can take seconds to send it.
        let (held, refused) = try await offThePool { () -> ([RawConnection], [Int?]) in
            var held: [RawConnection] = []
            var refused: [Int?] = []
            for _ in 0..<2_000 {
                held.append(try RawConnection(port: server.port, timeout: 60))
            }
            for connection in held.suffix(1_700) {
                refused.append(connection.readResponse()?.status)
            }
            return (Array(held.prefix(300)), refused)
        }
        #expect(refused.allSatisfy { $0 == 503 }, "\(Set(refused.map { $0 ?? -1 }))")
        #expect(workerThreads(of: server) <= 8)
        // The held connections still work.
        let statuses = try await offThePool { () -> [Int?] in
            held.prefix(20).map { connection in
                connection.send(getRequest())
                return connection.readResponse()?.status
            }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
        #expect((1...8).contains(workerThreads(of: server)), "\(workerThreads(of: server)) worker threads")
    }

    @Test func handlersRunOnAtMostTheConfiguredWorkers() async throws {
        let running = Counter()
        let server = try LocalHTTPServer(limits: LocalHTTPServer.Limits(maximumWorkers: 2)) { _ in
            running.enter()
            Thread.sleep(forTimeInterval: 0.1)
            running.leave()
            return .json(200, "{}")
        }
        defer { server.stop() }
        let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await offThePool {
                        let connection = try RawConnection(port: server.port)
                        connection.send(getRequest())
                        return connection.readResponse()?.status
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(running.peak == 2)
    }

    @Test func stoppedServerRefusesConnections() async throws {
        let server = try HostileClientTests.echoServer()
        let port = server.port
        _ = try await offThePool { try RawConnection(port: port) }
        server.stop()
        await #expect(throws: RawConnectionError.self) { _ = try await offThePool { try RawConnection(port: port) } }
    }
}

/// Counts handlers running at once and remembers the most.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0

    func enter() {
        lock.withLock {
            current += 1
            peak = max(peak, current)
        }
    }

    func leave() {
        lock.withLock { current -= 1 }
    }
}

/// The worker threads `server` runs (named `http-w-PORT`), from Linux's `/proc`.
func workerThreads(of server: LocalHTTPServer) -> Int {
    let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
    return tasks.filter { task in
        let name = (try? String(contentsOfFile: "/proc/self/task/\(task)/comm", encoding: .utf8)) ?? ""
        return name.trimmingCharacters(in: .whitespacesAndNewlines) == "http-w-\(server.port)"
    }.count
}

/// Raises the soft limit on open descriptors (not past the hard one) for tests that hold
/// thousands of connections.
func raiseDescriptorLimit(to wanted: UInt64) throws {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
    let target = min(rlim_t(wanted), limit.rlim_max)
    guard limit.rlim_cur < target else { return }
    limit.rlim_cur = target
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    try #require(target >= 4_500, "the test needs 4,500 descriptors; the hard limit is \(limit.rlim_max)")
}
