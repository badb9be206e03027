import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// What a streamed request sends and how its response head is read, through the transport's
/// `stream` (`makeTransport()`) over real HTTP on 127.0.0.1: a body and its headers, a
/// followed redirect, `HEAD`, and a server that falls silent mid-body.
@Suite("Loopback: streamed requests")
struct StreamedRequestTests {
    @Test func aPostSendsItsBodyAndHeadersAsGiven() async throws {
        let server = try LoopbackServer { request, _ in
            .ok(#"{"echo":true}"#, headers: [("X-Method", request.method)])
        }
        defer { server.stop() }
        let body = Data(#"{"invoiceId":"G016907411","attributeSet":"full"}"#.utf8)
        let request = TransportRequest(
            method: "POST", url: server.baseURL.appendingPathComponent("/exports"),
            headers: [HeaderField(name: "Content-Type", value: "application/json"), HeaderField(name: "client-request-id", value: "a-b-c")],
            body: body, timeout: .seconds(30)
        )
        let response = try await makeTransport().stream(request)
        #expect(response.status == 200)
        #expect(response.header("X-Method") == "POST")
        #expect(try await response.body.collect(upTo: 1 << 20) == Data(#"{"echo":true}"#.utf8))
        let received = try #require(server.requests.first)
        #expect(received.method == "POST")
        #expect(received.body == body)
        #expect(received.header("Content-Type") == "application/json")
        #expect(received.header("client-request-id") == "a-b-c")
        #expect(received.header("Authorization") == nil)
    }

    @Test func aPostWithoutAContentTypeGetsNoneMadeUp() async throws {
        let server = try LoopbackServer { _, _ in .ok("{}") }
        defer { server.stop() }
        let request = TransportRequest(method: "PUT", url: server.baseURL.appendingPathComponent("/x"), body: Data("text".utf8), timeout: .seconds(30))
        _ = try await makeTransport().stream(request).body.collect(upTo: 1 << 20)
        let received = try #require(server.requests.first)
        #expect(received.method == "PUT")
        #expect(received.body == Data("text".utf8))
        #expect(received.header("Content-Type") == nil || received.header("Content-Type") == "application/octet-stream")
    }

    @Test func aRedirectIsFollowedAndTheHeadIsTheLastResponses() async throws {
        let server = try LoopbackServer { request, _ in
            if request.path == "/moved" {
                return HTTPServerResponse(status: 302, headers: [("Location", "/final?sig=a%2Bb%3D"), ("X-Hop", "first")])
            }
            return .ok(#"{"path":"final"}"#, headers: [("X-Query", request.target)])
        }
        defer { server.stop() }
        let response = try await makeTransport().stream(TransportRequest(method: "GET", url: server.baseURL.appendingPathComponent("/moved"), timeout: .seconds(30)))
        #expect(response.status == 200)
        #expect(response.header("X-Hop") == nil)
        #expect(response.header("X-Query") == "/final?sig=a%2Bb%3D")
        #expect(try await response.body.collect(upTo: 1 << 20) == Data(#"{"path":"final"}"#.utf8))
        #expect(server.requests.map(\.path) == ["/moved", "/final"])
    }

    @Test func aHeadRequestHasAStatusAndHeadersAndNoBody() async throws {
        let server = try LoopbackServer { _, _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json"), ("ETag", "\"7\"")])
        }
        defer { server.stop() }
        let response = try await makeTransport().stream(TransportRequest(method: "HEAD", url: server.baseURL.appendingPathComponent("/domains/contoso.com"), timeout: .seconds(30)))
        #expect(response.status == 200)
        #expect(response.header("ETag") == "\"7\"")
        #expect(try await response.body.collect(upTo: 1 << 20).isEmpty)
        #expect(server.requests.first?.method == "HEAD")
    }

    #if !AsyncHTTPClientTransport
    /// URLSession's transport bounds each silence of the server by the request's timeout
    /// rounded up to whole seconds, plus one: 2 s for 300 ms.
    @Test func aServerSilentMidBodyEndsTheIterationWithATimeout() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try LoopbackServer { _, _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], streamingLength: 1 << 20) { offset in
                if offset > 0 { gate.wait(seconds: 30) }
                return Data(repeating: 7, count: 1024)
            }
        }
        defer { server.stop() }
        let started = ContinuousClock.now
        let response = try await makeTransport().stream(TransportRequest(method: "GET", url: server.baseURL.appendingPathComponent("/slow"), timeout: .milliseconds(300)))
        var received = 0
        let error = await #expect(throws: URLError.self) {
            for try await chunk in response.body { received += chunk.count }
        }
        #expect(error?.code == .timedOut)
        #expect(received == 1024)
        // Ended by the silence limit, long before the server speaks again (30 s). The upper
        // bound leaves room for a loaded machine: under ThreadSanitizer, with the other suites
        // running, the consumer alone has waited 10 s to be scheduled.
        let waited = ContinuousClock.now - started
        #expect(waited >= .seconds(1) && waited < .seconds(25), "\(waited)")
    }
    #endif
}
