import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Listings paged as Microsoft Graph pages them (an `@odata.nextLink` URL string, a member
/// name with dots) and as Partner Center's newer lists do (a bare array, the next page's token
/// in a response header that the next request sends back), over real HTTP.
@Suite("Loopback: paging styles")
struct PagingStylesTests {
    static func oDataListing(_ client: APIClient) -> PageSequence<JSONValue, JSONValue> {
        client.pages("listODataThings", as: JSONValue.self, parameters: { [:] }, items: { $0["value"]?.arrayValue ?? [] })
    }

    static func continuedListing(_ client: APIClient) -> PageSequence<[Thing], Thing> {
        client.pages("listThingsByContinuation", as: [Thing].self, parameters: { ["size": .integer(2)] }, items: { $0 })
    }

    /// Two Graph pages: the first links the second with an absolute URL on `origin` (the
    /// server's own unless given).
    static func oDataPages(linkingTo origin: String? = nil) -> @Sendable (HTTPServerRequest, Int) -> HTTPServerResponse {
        { request, _ in
            if request.target.contains("skiptoken") { return .ok(#"{"value":[{"id":"3"}]}"#) }
            let host = origin ?? "http://" + (request.header("Host") ?? "")
            return .ok(#"{"@odata.context":"x","value":[{"id":"1"},{"id":"2"}],"@odata.nextLink":"\#(host)/v1/odata-things?$skiptoken=a%2Fb"}"#)
        }
    }

    /// Bare arrays: no token → 1, 2 and token `t/1`; `t/1` → 3 and no token.
    static func continuedPages(_ request: HTTPServerRequest, _: Int) -> HTTPServerResponse {
        switch request.header("MS-ContinuationToken") {
        case nil: .ok(#"[{"id":"1"},{"id":"2"}]"#, headers: [("MS-ContinuationToken", "t/1")])
        case "t/1"?: .ok(#"[{"id":"3"}]"#)
        default: .json(400, #"{"code":"BadToken"}"#)
        }
    }

    @Test func anODataNextLinkIsFollowedOnTheAPIsOrigin() async throws {
        let server = try LoopbackServer(Self.oDataPages())
        defer { server.stop() }
        var ids: [String] = []
        for try await item in Self.oDataListing(makeClient(server)).items { ids.append(item["id"]?.stringValue ?? "?") }
        #expect(ids == ["1", "2", "3"])
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests[1].target == "/v1/odata-things?$skiptoken=a%2Fb", "the link's query, as sent")
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer test-token" })
    }

    @Test func anODataNextLinkToAnotherOriginIsRefusedAfterItsPage() async throws {
        let server = try LoopbackServer(Self.oDataPages(linkingTo: "https://elsewhere.invalid"))
        defer { server.stop() }
        var iterator = Self.oDataListing(makeClient(server)).makeAsyncIterator()
        #expect(try await iterator.next()?["value"]?.arrayValue?.count == 2)
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard let error = error as? APIError, case let .malformedResponse(message) = error.kind else { return false }
            return message.contains("leaves")
        }
        #expect(server.requests.count == 1, "the bearer token never went to another host")
    }

    @Test func aBareArrayIsPagedByItsContinuationHeader() async throws {
        let server = try LoopbackServer(Self.continuedPages)
        defer { server.stop() }
        var ids: [String] = []
        for try await thing in Self.continuedListing(makeClient(server)).items { ids.append(thing.id) }
        #expect(ids == ["1", "2", "3"])
        let requests = server.requests
        try #require(requests.count == 2)
        #expect(requests.map { $0.header("MS-ContinuationToken") } == [nil, "t/1"])
        #expect(requests.map(\.target) == ["/v1/continued-things?size=2", "/v1/continued-things?size=2"], "the first request again")
    }

    @Test func theJSONListingOfABareArrayHasItsItems() async throws {
        let server = try LoopbackServer(Self.continuedPages)
        defer { server.stop() }
        var ids: [String] = []
        for try await item in Self.continuedListing(makeClient(server)).json.items { ids.append(item["id"]?.stringValue ?? "?") }
        #expect(ids == ["1", "2", "3"])
    }

    @Test func aContinuationTokenThatComesBackIsALoop() async throws {
        let server = try LoopbackServer { _, _ in .ok(#"[{"id":"1"}]"#, headers: [("MS-ContinuationToken", "same")]) }
        defer { server.stop() }
        var iterator = Self.continuedListing(makeClient(server)).makeAsyncIterator()
        #expect(try await iterator.next()?.map(\.id) == ["1"])
        await #expect {
            _ = try await iterator.next()
        } throws: { error in
            guard let error = error as? APIError, case .pagingLoop = error.kind else { return false }
            return true
        }
    }

    @Test func aContinuedListingResumesInAnotherClientFromItsToken() async throws {
        let server = try LoopbackServer(Self.continuedPages)
        defer { server.stop() }
        var iterator = Self.continuedListing(makeClient(server)).makeAsyncIterator()
        #expect(try await iterator.next()?.map(\.id) == ["1", "2"])
        let token = try #require(iterator.resumePoint?.token)
        let point = try ListingResumePoint(token: token)
        var ids: [String] = []
        for try await thing in Self.continuedListing(makeClient(server)).resuming(from: point).items { ids.append(thing.id) }
        #expect(ids == ["3"])
        #expect(server.requests.last?.header("MS-ContinuationToken") == "t/1")
        #expect(server.requests.last?.target == "/v1/continued-things?size=2")
    }
}
