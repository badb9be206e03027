import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Middlewares over real HTTP on 127.0.0.1: their order, once per attempt, what they see,
/// changing the request, answering without the network, and redaction of what they throw.
@Suite("Loopback: middleware")
struct MiddlewareTests {
    /// Records what passes, in order, under a name.
    final class Trace: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        var all: [String] { lock.withLock { entries } }
        func add(_ entry: String) { lock.withLock { entries.append(entry) } }
    }

    struct Recording: APIMiddleware {
        let name: String
        let trace: Trace

        func intercept(
            _ request: TransportRequest, operationID: String, next: @Sendable (TransportRequest) async throws -> TransportResponse
        ) async throws -> TransportResponse {
            trace.add("\(name)> \(operationID) \(request.header("Authorization") ?? "no token")")
            let response = try await next(request)
            trace.add("<\(name) \(response.status)")
            return response
        }
    }

    /// Calls `body` for every request, answering with what it returns.
    struct Closure: APIMiddleware {
        let body: @Sendable (TransportRequest, @Sendable (TransportRequest) async throws -> TransportResponse) async throws -> TransportResponse

        func intercept(
            _ request: TransportRequest, operationID: String, next: @Sendable (TransportRequest) async throws -> TransportResponse
        ) async throws -> TransportResponse {
            try await body(request, next)
        }
    }

    @Test func middlewaresRunInOrderOncePerAttemptWithTheTokenSet() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let trace = Trace()
        let client = makeClient(server) {
            $0.middlewares = [Recording(name: "outer", trace: trace), Recording(name: "inner", trace: trace)]
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(trace.all == [
            "outer> listThings Bearer test-token", "inner> listThings Bearer test-token", "<inner 503", "<outer 503",
            "outer> listThings Bearer test-token", "inner> listThings Bearer test-token", "<inner 200", "<outer 200",
        ])
    }

    @Test func aMiddlewareChangesTheRequest() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.middlewares = [Closure { request, next in
                var request = request
                request.headers.append(HeaderField(name: "X-Trace", value: "t-1"))
                return try await next(request)
            }]
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.first?.header("X-Trace") == "t-1")
    }

    @Test func aMiddlewareAnswersWithoutTheNetworkAndItsAnswerIsValidated() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["from server"])) }
        defer { server.stop() }
        let answering = makeClient(server) {
            $0.middlewares = [Closure { _, _ in TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(pageJSON(ids: ["canned"]).utf8)) }]
        }
        let page = try await answering.sendJSON("listThings", parameters: listParameters())
        #expect(page["items"]?.arrayValue?.first?["id"] == .string("canned"))
        #expect(server.requestCount == 0)

        let breaking = makeClient(server) {
            $0.validation = .strict
            $0.middlewares = [Closure { _, _ in TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(#"{"items":[{"id":5}]}"#.utf8)) }]
        }
        let error = try #require(await #expect(throws: APIError.self) { try await breaking.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.kind.name == "invalidResponse", "\(error)")
        // Reported, not refused, under the default policy.
        let reporting = breaking.with { $0.validation = .report }
        let response = try await reporting.sendResponse("listThings", parameters: listParameters())
        #expect(response.violations.map(\.description) == ["/items/0/id: expected string, got integer"])
    }

    @Test func whatAMiddlewareThrowsIsRedactedAndRetriedLikeATransportFailure() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let attempts = Trace()
        let client = makeClient(server, tokenProvider: StaticTokenProvider("SECRET-TOKEN-123")) {
            $0.middlewares = [Closure { request, _ in
                attempts.add("attempt")
                throw URLError(.networkConnectionLost, userInfo: [NSLocalizedDescriptionKey: "lost with \(request.header("Authorization") ?? "")"])
            }]
        }
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect(!"\(error)".contains("SECRET-TOKEN-123"), "\(error)")
        #expect(!String(reflecting: error).contains("SECRET-TOKEN-123"))
        #expect(attempts.all.count == RetryPolicy().maximumAttempts, "a GET is retried after a dropped connection")
        #expect(server.requestCount == 0)
    }

    @Test func withChangesOneCallsConfigurationOnly() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server)
        let tagged = client.with { $0.additionalHeaders = [HeaderField(name: "MS-PartnerCenter-Client", value: "tests")] }
        _ = try await tagged.sendJSON("listThings", parameters: listParameters())
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.map { $0.header("MS-PartnerCenter-Client") } == ["tests", nil])
        // The same client identity: one correlation id for both.
        #expect(Set(server.requests.compactMap { $0.header("MS-CorrelationId") }).count == 1)
        let refused = client.with { $0.additionalHeaders = [HeaderField(name: "X-Bad", value: "a\r\nb")] }
        let error = try #require(await #expect(throws: APIError.self) { try await refused.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.kind.name == "invalidRequest")
        #expect(server.requestCount == 2)
    }

    @Test func aPerCallTimeoutAppliesToThatCall() async throws {
        // The first response is held until the client has given up (not for a fixed time,
        // which a busy machine can outlast before the client's timer fires).
        let clientGaveUp = DispatchSemaphore(value: 0)
        let server = try LoopbackServer { _, index in
            if index == 0 { _ = clientGaveUp.wait(timeout: .now() + 30) }
            return .ok(pageJSON(ids: ["1"]))
        }
        defer { server.stop() }
        defer { clientGaveUp.signal() }  // should the expectation fail
        let client = makeClient(server)
        let hurried = client.with {
            $0.requestTimeout = .milliseconds(100)
            $0.retry = .none
        }
        let error = try #require(await #expect(throws: APIError.self) { try await hurried.sendJSON("listThings", parameters: listParameters()) })
        clientGaveUp.signal()
        #expect(error.kind.name == "timeout", "\(error)")
        _ = try await client.sendJSON("listThings", parameters: listParameters())
    }
}
