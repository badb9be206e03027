import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Middlewares placed among the built-in stages, over real HTTP on 127.0.0.1: per call (once,
/// around pacing, authentication and retries) and before the transport (each attempt).
@Suite("Loopback: middleware placement")
struct MiddlewarePlacementTests {
    typealias Trace = MiddlewareTests.Trace
    typealias Recording = MiddlewareTests.Recording
    typealias Closure = MiddlewareTests.Closure

    @Test func aHeaderAPerCallMiddlewareAddsGoesWithEveryAttempt() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.add(Closure { request, next in
                var request = request
                #expect(request.header("MS-RequestId") != nil, "the call's ids are set before")
                request.headers.append(HeaderField(name: "X-Idempotency-Key", value: "k-1"))
                return try await next(request)
            }, at: .perCall)
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.map { $0.header("X-Idempotency-Key") } == ["k-1", "k-1"])
        #expect(Set(server.requests.compactMap { $0.header("MS-RequestId") }).count == 1)
    }

    @Test func aPerCallMiddlewareAnswersFromACacheAndItsAnswerIsValidated() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["from server"])) }
        defer { server.stop() }
        let cached = TransportResponse(
            status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(pageJSON(ids: ["cached"]).utf8)
        )
        let client = makeClient(server) { $0.add(Closure { _, _ in cached }, at: .perCall) }
        let page = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(page["items"]?.arrayValue?.first?["id"] == .string("cached"))
        #expect(server.requestCount == 0)

        let breaking = makeClient(server) {
            $0.validation = .strict
            $0.add(Closure { _, _ in TransportResponse(status: 200, body: Data(#"{"items":[{"id":5}]}"#.utf8)) }, at: .perCall)
        }
        let error = try #require(await #expect(throws: APIError.self) { try await breaking.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.kind.name == "invalidResponse", "\(error)")
        #expect(error.status == 200)
    }

    @Test func aPerCallMiddlewareSeesTheErrorTheAttemptsEndWithAndMayReplaceIt() async throws {
        let server = try LoopbackServer { _, _ in .json(404, #"{"code":"NotFound","description":"no such thing"}"#) }
        defer { server.stop() }
        let seen = Trace()
        let client = makeClient(server) {
            $0.add(Closure { request, next in
                do {
                    return try await next(request)
                } catch let error as APIError {
                    seen.add("\(error.status ?? 0)")
                    return TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(pageJSON(ids: ["fallback"]).utf8))
                }
            }, at: .perCall)
        }
        // A 404 is not thrown inside the pipeline: the attempts end with it, and the middleware sees it as a response.
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.status == 404)
        #expect(seen.all.isEmpty)

        let replacing = makeClient(server) {
            $0.add(Closure { request, next in
                let response = try await next(request)
                guard response.status == 404 else { return response }
                return TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(pageJSON(ids: ["fallback"]).utf8))
            }, at: .perCall)
        }
        let page = try await replacing.sendJSON("listThings", parameters: listParameters())
        #expect(page["items"]?.arrayValue?.first?["id"] == .string("fallback"))
    }

    @Test func whatAPerCallMiddlewareThrowsEndsTheCallUnretriedAndRedacted() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let calls = Trace()
        let client = makeClient(server, tokenProvider: StaticTokenProvider("SECRET-TOKEN-123")) {
            $0.add(Closure { request, next in
                calls.add("call")
                _ = try await next(request)
                throw URLError(.networkConnectionLost, userInfo: [NSLocalizedDescriptionKey: "lost after SECRET-TOKEN-123"])
            }, at: .perCall)
        }
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.kind.name == "transport", "\(error)")
        #expect(!"\(error)".contains("SECRET-TOKEN-123"), "\(error)")
        #expect(calls.all.count == 1)
        #expect(server.requestCount == 1)
    }

    @Test func anErrorOfTheAttemptsPassesThroughAPerCallMiddlewareAsAnAPIError() async throws {
        let server = try LoopbackServer { _, _ in .json(503, "{}") }
        defer { server.stop() }
        let seen = Trace()
        let client = makeClient(server) {
            $0.retry = RetryPolicy(maximumAttempts: 2)
            $0.add(Closure { request, next in
                do {
                    return try await next(request)
                } catch {
                    seen.add("\(type(of: error))")
                    throw error
                }
            }, at: .perCall)
        }
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.status == 503)
        #expect(server.requestCount == 2)
        #expect(seen.all == [], "the attempts end with the 503 as a response, validated after the middleware")
    }
}

extension MiddlewarePlacementTests {
    @Test func aDownloadsBodyGoesPastAPerCallMiddlewareWhichSeesItsHead() async throws {
        let pdf = Data("%PDF-1.7 report".utf8)
        let server = try LoopbackServer { _, _ in .raw(200, contentType: "application/pdf", pdf) }
        defer { server.stop() }
        let trace = Trace()
        let client = makeClient(server) { $0.add(Recording(name: "call", trace: trace), at: .perCall) }
        let download = try await client.download("getThingReport", parameters: ["thing-id": .string("t-1")])
        #expect(download.status == 200)
        #expect(try await download.body.collect(upTo: 1 << 20) == pdf)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try await client.download("getThingReport", parameters: ["thing-id": .string("t-1")], to: file)
        #expect(written.value == pdf.count)
        #expect(try Data(contentsOf: file) == pdf)
        #expect(trace.all == ["call> getThingReport no token", "<call 200", "call> getThingReport no token", "<call 200"])
    }

    @Test func aPerCallMiddlewareAnswersADownloadWithABodyOfItsOwn() async throws {
        let server = try LoopbackServer { _, _ in .raw(200, contentType: "application/pdf", Data("from server".utf8)) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.add(Closure { _, _ in TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/pdf")], body: Data("cached".utf8)) }, at: .perCall)
        }
        let download = try await client.download("getThingReport", parameters: ["thing-id": .string("t-1")])
        #expect(try await download.body.collect(upTo: 1 << 20) == Data("cached".utf8))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await client.download("getThingReport", parameters: ["thing-id": .string("t-1")], to: file)
        #expect(try Data(contentsOf: file) == Data("cached".utf8))
        #expect(server.requestCount == 0)
    }
}

/// Middlewares placed before authentication: each attempt, with no token yet.
extension MiddlewarePlacementTests {
    /// Per call once without the token, before authentication each attempt without it, before
    /// the transport each attempt with it.
    @Test func theThreePlacesRunInTheirOrderAroundRetries() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let trace = Trace()
        let client = makeClient(server) {
            $0.add(Recording(name: "transport", trace: trace), at: .beforeTransport)
            $0.add(Recording(name: "authentication", trace: trace), at: .beforeAuthentication)
            $0.add(Recording(name: "call", trace: trace), at: .perCall)
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(trace.all == [
            "call> listThings no token",
            "authentication> listThings no token", "transport> listThings Bearer test-token", "<transport 503", "<authentication 503",
            "authentication> listThings no token", "transport> listThings Bearer test-token", "<transport 200", "<authentication 200",
            "<call 200",
        ])
        #expect(client.configuration.middlewares.count == 1, "middlewares are those before the transport")
    }

    @Test func aMiddlewareBeforeAuthenticationThatAnswersFetchesNoToken() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["from server"])) }
        defer { server.stop() }
        let provider = CountingTokenProvider()
        let client = makeClient(server, tokenProvider: provider) {
            $0.add(Closure { _, _ in
                TransportResponse(status: 200, headers: [HeaderField(name: "Content-Type", value: "application/json")], body: Data(pageJSON(ids: ["canned"]).utf8))
            }, at: .beforeAuthentication)
        }
        let page = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(page["items"]?.arrayValue?.first?["id"] == .string("canned"))
        #expect(provider.refreshFlags.isEmpty)
        #expect(server.requestCount == 0)
    }

    @Test func whatAMiddlewareBeforeAuthenticationThrowsIsRetriedLikeATransportFailure() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let attempts = Trace()
        let client = makeClient(server) {
            $0.add(Closure { _, _ in
                attempts.add("attempt")
                throw URLError(.networkConnectionLost)
            }, at: .beforeAuthentication)
        }
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect(error.kind.name == "transport", "\(error)")
        #expect(attempts.all.count == RetryPolicy().maximumAttempts)
        #expect(server.requestCount == 0)
    }

    @Test func aTokenProvidersFailurePassesAMiddlewareBeforeAuthenticationUnretried() async throws {
        struct Refusing: TokenProvider {
            func token(refresh: Bool) async throws -> String { throw URLError(.userAuthenticationRequired) }
        }
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let attempts = Trace()
        let client = makeClient(server, tokenProvider: Refusing()) {
            $0.add(Closure { request, next in
                attempts.add("attempt")
                return try await next(request)
            }, at: .beforeAuthentication)
        }
        let error = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("listThings", parameters: listParameters()) })
        #expect("\(error)".contains("token provider failed"), "\(error)")
        #expect(attempts.all.count == 1)
        #expect(server.requestCount == 0)
    }

    @Test func aHeaderAddedBeforeAuthenticationIsSentAndSigned() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.add(Closure { request, next in
                #expect(request.header("Authorization") == nil)
                var request = request
                request.headers.append(HeaderField(name: "X-Signature", value: "s-1"))
                return try await next(request)
            }, at: .beforeAuthentication)
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.first?.header("X-Signature") == "s-1")
        #expect(server.requests.first?.header("Authorization") == "Bearer test-token")
    }
}
