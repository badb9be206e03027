import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// Responses whose body is produced while it is written: exact on the wire, never whole in
/// memory, and a client that leaves mid-body costs the server nothing.
@Suite("LocalHTTPServer: streamed responses")
struct StreamedResponseTests {
    /// Serves `pattern` streamed at every path but `/alive` (a small JSON body); `/half` ends
    /// the body at half its length.
    static func patternServer(_ pattern: BodyPattern, progress: ProducerProgress = ProducerProgress()) throws -> LocalHTTPServer {
        try LocalHTTPServer(limits: HostileClientTests.limits) { request in
            if request.path == "/alive" { return .json(200, "{}") }
            let end = request.path == "/half" ? pattern.length / 2 : pattern.length
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], streamingLength: pattern.length) { offset in
                progress.record(offset)
                return offset < end ? pattern.chunk(at: offset) : nil
            }
        }
    }

    @Test func streamedBodyOf64MBArrivesCompleteAndExact() async throws {
        let pattern = BodyPattern(length: 64 << 20)
        let server = try Self.patternServer(pattern)
        defer { server.stop() }
        let response = try await offThePool { () -> RawResponse? in
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/invoice.pdf"))
            return connection.readResponse()
        }
        let received = try #require(response)
        #expect(received.status == 200)
        #expect(received.header("Content-Length") == String(pattern.length))
        #expect(received.header("Content-Type") == "application/pdf")
        #expect(received.body.count == pattern.length)
        #expect(pattern.matches(Data(received.body), at: 0), "the body differs from the pattern")
    }

    @Test func clientThatLeavesMidStreamStopsTheProducerAndTheServerGoesOn() async throws {
        let pattern = BodyPattern(length: 1 << 30)
        let progress = ProducerProgress()
        let server = try Self.patternServer(pattern, progress: progress)
        defer { server.stop() }
        let first = try await offThePool { try RawConnection.firstBytes(of: "/invoice.pdf", port: server.port) }
        #expect(String(decoding: first.prefix(15), as: UTF8.self) == "HTTP/1.1 200 OK")
        // The worker gives up at its next write: the producer stops far short of the end.
        let stopped = await progress.waitUntilStill()
        try await Task.sleep(for: .milliseconds(300))
        #expect(progress.offset == stopped, "the producer is still being called")
        #expect(stopped < pattern.length / 2)
        try await HostileClientTests.expectServing(server)
    }

    @Test func producerThatEndsEarlyClosesTheConnection() async throws {
        let pattern = BodyPattern(length: 4 << 20)
        let server = try Self.patternServer(pattern)
        defer { server.stop() }
        let (response, closed) = try await offThePool { () -> (RawResponse?, Bool) in
            let connection = try RawConnection(port: server.port)
            connection.send(getRequest("/half"))
            return (connection.readResponse(), connection.isClosedByServer())
        }
        #expect(response == nil, "a body cut short must not read as complete")
        #expect(closed)
        try await HostileClientTests.expectServing(server)
    }

    @Test func headRequestGetsTheLengthAndNoBody() async throws {
        let pattern = BodyPattern(length: 1 << 20)
        let progress = ProducerProgress()
        let server = try Self.patternServer(pattern, progress: progress)
        defer { server.stop() }
        let head = try await offThePool { () -> String in
            let connection = try RawConnection(port: server.port, timeout: 0.5)
            connection.send("HEAD /invoice.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            var bytes: [UInt8] = []
            // Everything that arrives until the server falls silent: the head and nothing more.
            while case let more = connection.read(upTo: 64 * 1024), !more.isEmpty { bytes += more }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(head.contains("\r\nContent-Length: \(pattern.length)\r\n"))
        #expect(head.hasSuffix("\r\n\r\n"), "no body after the head")
        #expect(progress.offset == 0)
    }
}
