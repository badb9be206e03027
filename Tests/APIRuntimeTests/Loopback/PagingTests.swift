import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Listings that follow `links.next` over real HTTP.
@Suite("Loopback: paging")
struct PagingTests {
    /// Tokens with characters that a careless client would encode or split.
    static let firstToken = "c1,a/b+c=="
    static let secondToken = "c2/x+y,z="

    /// Three pages: the first next link without `/v1`, the second with it; the page is
    /// chosen by the continuation token.
    static func threePages(_ request: HTTPServerRequest, _: Int) -> HTTPServerResponse {
        switch request.header("MS-ContinuationToken") {
        case nil: .ok(pageJSON(ids: ["1", "2"], nextURI: "/things?size=2&seekOperation=Next", continuationToken: firstToken))
        case firstToken?: .ok(pageJSON(ids: ["3", "4"], nextURI: "/v1/things?size=2&seekOperation=Next", continuationToken: secondToken))
        case secondToken?: .ok(pageJSON(ids: ["5"]))
        default: .json(400, #"{"code":"BadToken","description":"unknown continuation token"}"#)
        }
    }

    /// Two pages; the second breaks the spec at `/items/1/id` (an integer where a string belongs).
    static func secondPageBreaksTheSpec(_ request: HTTPServerRequest, _: Int) -> HTTPServerResponse {
        request.header("MS-ContinuationToken") == nil
            ? .ok(pageJSON(ids: ["1"], nextURI: "/things?seekOperation=Next", continuationToken: "t"))
            : .ok(#"{"items":[{"id":"2"},{"id":3}]}"#)
    }

    static func listing(_ client: APIClient) -> PageSequence<ThingCollection, Thing> {
        client.pages("listThings", as: ThingCollection.self, parameters: { listParameters(size: 2) }, items: { $0.items })
    }

    @Test func threePagesFollowNextLinksWithContinuationTokens() async throws {
        let server = try LoopbackServer(Self.threePages)
        defer { server.stop() }
        var ids: [String] = []
        for try await thing in Self.listing(makeClient(server)).items {
            ids.append(thing.id)
        }
        #expect(ids == ["1", "2", "3", "4", "5"])

        let requests = server.requests
        try #require(requests.count == 3)
        #expect(requests.map(\.path) == ["/v1/things", "/v1/things", "/v1/things"])
        #expect(!requests.contains { $0.target.contains("/v1/v1") })
        #expect(requests[1].target == "/v1/things?size=2&seekOperation=Next")
        #expect(requests[2].target == "/v1/things?size=2&seekOperation=Next")
        // Tokens arrive byte for byte; the first request has none.
        #expect(requests.map { $0.header("MS-ContinuationToken") } == [nil, Self.firstToken, Self.secondToken])
        // Every page carries the shared headers and the token, each page its own request id.
        for request in requests {
            #expect(request.header("Authorization") == "Bearer test-token")
            #expect(request.header("Accept") == "application/json")
        }
        #expect(Set(requests.compactMap { $0.header("MS-RequestId") }).count == 3)
        #expect(Set(requests.compactMap { $0.header("MS-CorrelationId") }).count == 1)
    }

    @Test func pagesAreYieldedOneRequestAtATime() async throws {
        let server = try LoopbackServer(Self.threePages)
        defer { server.stop() }
        var iterator = Self.listing(makeClient(server)).makeAsyncIterator()
        #expect(server.requestCount == 0, "nothing is fetched before iteration")
        #expect(try await iterator.next()?.items.map(\.id) == ["1", "2"])
        #expect(server.requestCount == 1)
        #expect(try await iterator.next()?.items.map(\.id) == ["3", "4"])
        #expect(try await iterator.next()?.items.map(\.id) == ["5"])
        #expect(try await iterator.next() == nil)
        #expect(try await iterator.next() == nil)
        #expect(server.requestCount == 3)
    }

    @Test func prefixPagesStopsAfterThatManyRequests() async throws {
        let server = try LoopbackServer(Self.threePages)
        defer { server.stop() }
        var pages: [[String]] = []
        for try await page in Self.listing(makeClient(server)).prefix(pages: 2) {
            pages.append(page.items.map(\.id))
        }
        #expect(pages == [["1", "2"], ["3", "4"]])
        #expect(server.requestCount == 2)

        var ids: [String] = []
        for try await thing in Self.listing(makeClient(server)).prefix(pages: 1).items {
            ids.append(thing.id)
        }
        #expect(ids == ["1", "2"])
        #expect(server.requestCount == 3)
    }

    @Test func repeatedContinuationTokenEndsWithPagingLoop() async throws {
        // Every page points at the same next link and token: a server stuck on a page.
        let server = try LoopbackServer { request, index in
            .ok(pageJSON(ids: ["\(index)"], nextURI: "/things?seekOperation=Next", continuationToken: "same,token/+="))
        }
        defer { server.stop() }
        var ids: [String] = []
        let error = try #require(await #expect(throws: APIError.self) {
            for try await thing in Self.listing(makeClient(server)).items {
                ids.append(thing.id)
            }
        })
        #expect(error.kind.name == "pagingLoop")
        #expect(error.operationID == "listThings")
        #expect(error.requestID == server.requests.last?.header("MS-RequestId"), "the context of the page that repeated")
        // The page that repeats the link is good data: it is yielded, then the error ends the sequence.
        #expect(ids == ["0", "1"])
        #expect(server.requestCount == 2)
    }

    @Test func repeatedNextLinkSpelledWithAndWithoutV1EndsWithPagingLoop() async throws {
        // The same next request written two ways: `/things…` then `/v1/things…`.
        let server = try LoopbackServer { _, index in
            .ok(pageJSON(ids: ["\(index)"], nextURI: index == 0 ? "/things?seekOperation=Next" : "/v1/things?seekOperation=Next",
                         continuationToken: "same-token"))
        }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            for try await _ in Self.listing(makeClient(server)) {}
        })
        #expect(error.kind.name == "pagingLoop")
        #expect(server.requestCount == 2)
    }

    @Test func repeatedNextURIWithoutTokenEndsWithPagingLoop() async throws {
        let server = try LoopbackServer { _, index in
            .ok(pageJSON(ids: ["\(index)"], nextURI: index == 0 ? "/v1/things?page=2" : "/v1/things?page=\(index == 1 ? 3 : 2)"))
        }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            for try await _ in Self.listing(makeClient(server)) {}
        })
        #expect(error.kind.name == "pagingLoop")
        #expect(server.requests.map(\.target).suffix(2) == ["/v1/things?page=2", "/v1/things?page=3"])
        #expect(server.requestCount == 3)
    }

    @Test func nextLinkToAnotherHostIsNotFollowed() async throws {
        // A next link naming another origin must not receive the bearer token.
        let elsewhere = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["stolen"])) }
        defer { elsewhere.stop() }
        let foreign = elsewhere.baseURL.absoluteString + "/v1/things?seekOperation=Next"
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"], nextURI: foreign, continuationToken: "t")) }
        defer { server.stop() }
        var ids: [String] = []
        let error = try #require(await #expect(throws: APIError.self) {
            for try await thing in Self.listing(makeClient(server)).items {
                ids.append(thing.id)
            }
        })
        #expect(error.kind.name == "malformedResponse")
        #expect(error.kind.problem?.contains("leaves 127.0.0.1") == true, "\(error)")
        // The page itself is yielded; the refused link ends the sequence after it.
        #expect(ids == ["1"])
        #expect(server.requestCount == 1)
        #expect(elsewhere.requestCount == 0)
    }

    @Test func absoluteNextLinkOnTheSameOriginIsFollowed() async throws {
        let server = try LoopbackServer { request, _ in
            request.header("MS-ContinuationToken") == nil
                ? .ok(pageJSON(ids: ["1"], nextURI: "http://127.0.0.1:\(request.header("Host")?.split(separator: ":").last ?? "")/v1/things?seekOperation=Next",
                               continuationToken: "t"))
                : .ok(pageJSON(ids: ["2"]))
        }
        defer { server.stop() }
        var ids: [String] = []
        for try await thing in Self.listing(makeClient(server)).items {
            ids.append(thing.id)
        }
        #expect(ids == ["1", "2"])
        #expect(server.requests.map(\.path) == ["/v1/things", "/v1/things"])
    }

    @Test func invalidPageEndsIterationWithItsError() async throws {
        let server = try LoopbackServer(PagingTests.secondPageBreaksTheSpec)
        defer { server.stop() }
        var iterator = Self.listing(makeClient(server)).items.makeAsyncIterator()
        #expect(try await iterator.next()?.id == "1")
        let error = try #require(await #expect(throws: APIError.self) { _ = try await iterator.next() })
        #expect(error.kind.violations?.map(\.description) == ["/items/1/id: expected string, got integer"])
    }
}
