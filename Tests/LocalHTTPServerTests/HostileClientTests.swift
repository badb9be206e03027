import Foundation
import TestSupport
import LocalHTTPServer
import Testing

/// Over real sockets: whatever a client sends or fails to send, the server answers it (or
/// drops it) and goes on serving everyone else.
@Suite("LocalHTTPServer: hostile clients")
struct HostileClientTests {
    /// Short deadlines, so that timeouts show within a test.
    static let limits = LocalHTTPServer.Limits(
        maximumBodyBytes: 1024 * 1024, requestTimeout: .milliseconds(500), idleTimeout: .milliseconds(500)
    )

    static func echoServer(limits: LocalHTTPServer.Limits = limits) throws -> LocalHTTPServer {
        try LocalHTTPServer(limits: limits) { request in
            .json(200, #"{"path":"\#(request.path)","bytes":\#(request.body.count),"connection":\#(request.connection)}"#)
        }
    }

    /// A new connection still gets a 200: the server survived.
    static func expectServing(_ server: LocalHTTPServer) async throws {
        let response = try await offThePool {
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/alive"))
            return connection.readResponse()
        }
        #expect(response?.status == 200, "the server stopped serving")
    }

    @Test(arguments: RequestParserTests.refused.map { ($0.0, $0.1) })
    func malformedRequestGetsAnErrorAndTheServerGoesOn(name: String, bytes: [UInt8]) async throws {
        let server = try Self.echoServer(limits: LocalHTTPServer.Limits(
            maximumHeadBytes: 1024, maximumHeaderCount: 10, maximumBodyBytes: 100,
            requestTimeout: .milliseconds(500), idleTimeout: .milliseconds(500)
        ))
        defer { server.stop() }
        let (response, closed) = try await offThePool {
            let connection = try RawConnection(port: server.port)
            connection.send(bytes)
            let response = connection.readResponse()
            return (response, connection.isClosedByServer())
        }
        let expected = RequestParserTests.refused.first { $0.0 == name }?.2
        #expect(response?.status == expected, "\(name)")
        #expect(response?.header("Connection") == "close")
        #expect(closed, "the connection must close after a refusal")
        try await Self.expectServing(server)
    }

    @Test func bodyShorterThanAnnouncedTimesOutWith408() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let (response, elapsed) = try await offThePool {
            let started = ContinuousClock.now
            let connection = try RawConnection(port: server.port)
            connection.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
            return (connection.readResponse(), ContinuousClock.now - started)
        }
        #expect(response?.status == 408)
        #expect(elapsed < .seconds(3), "\(elapsed)")
        try await Self.expectServing(server)
    }

    @Test func silentClientIsClosedAfterTheIdleTimeout() async throws {
        let server = try Self.echoServer()
        defer { server.stop() }
        let (closed, elapsed) = try await offThePool {
            let started = ContinuousClock.now
            return (try RawConnection(port: server.port).isClosedByServer(), ContinuousClock.now - started)
        }
        #expect(closed, "a connection with no request must not be held forever")
        #expect(elapsed < .seconds(3), "\(elapsed)")
    }

    @Test func tricklingClientIsCutOffAtTheRequestDeadline() async throws {
        // One byte every 50 ms would take 1.5 s for this request; the deadline is 0.5 s from its first byte.
        let server = try Self.echoServer()
        defer { server.stop() }
        let response = try await offThePool { () -> RawResponse? in
            let started = ContinuousClock.now
            let connection = try RawConnection(port: server.port)
            for byte in Array(getRequest("/slow", headers: ["X-Pad: " + String(repeating: "p", count: 10)]).utf8) {
                guard connection.send([byte]) else { break }
                Thread.sleep(forTimeInterval: 0.05)
                if ContinuousClock.now - started > .seconds(1) { break }
            }
            return connection.readResponse()
        }
        #expect(response?.status == 408)
        try await Self.expectServing(server)
    }

    @Test func clientThatLeavesMidResponseCostsNothing() async throws {
        let body = Data(repeating: UInt8(ascii: "x"), count: 8 * 1024 * 1024)
        let server = try LocalHTTPServer(limits: Self.limits) { _ in HTTPServerResponse(status: 200, body: body) }
        defer { server.stop() }
        for _ in 0..<20 {
            let first = try await offThePool { try RawConnection.firstBytes(of: "/big", port: server.port) }
            #expect(String(decoding: first.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
        }
        let whole = try await offThePool { () -> Int? in
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/big"))
            return connection.readResponse()?.body.count
        }
        #expect(whole == body.count)
    }

    @Test func serverFramesTheResponseWhateverTheHandlerSets() async throws {
        let server = try LocalHTTPServer(limits: Self.limits) { request in
            request.path == "/empty"
                ? HTTPServerResponse(status: 204, headers: [("Content-Length", "99")], body: Data("ignored".utf8))
                : HTTPServerResponse(status: 200, headers: [("Content-Length", "1"), ("X-Bad", "a\r\nInjected: yes"), ("X-Good", "ok")], body: Data("four".utf8))
        }
        defer { server.stop() }
        let (empty, framed) = try await offThePool { () -> (RawResponse?, RawResponse?) in
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/empty") + getRequest("/framed"))
            return (connection.readResponse(), connection.readResponse())
        }
        #expect(empty?.status == 204)
        #expect(empty?.header("Content-Length") == nil)
        #expect(framed?.status == 200)
        #expect(framed?.body == Array("four".utf8))
        #expect(framed?.header("Injected") == nil, "a header value must not split the response")
        #expect(framed?.header("X-Good") == "ok")
    }
}
