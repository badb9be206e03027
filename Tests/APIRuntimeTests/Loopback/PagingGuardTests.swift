import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// No listing runs forever against a server that misbehaves: one that ignores `offset`, one
/// that always answers a full page, one whose next link changes while its page does not.
@Suite("Loopback: paging guards")
struct PagingGuardTests {
    static func offsetListing(_ server: LoopbackServer, size: Int?) -> PageSequence<ThingCollection, Thing> {
        makeClient(server).pages("listThingsByOffset", as: ThingCollection.self, parameters: { ["size": size.map(JSONValue.integer)] }, items: { $0.items })
    }

    /// Drains `pages`, returning the ids received and the error that ended it.
    static func drain(_ pages: PageSequence<ThingCollection, Thing>) async -> (ids: [String], error: APIError?) {
        var ids: [String] = []
        do {
            for try await page in pages { ids += page.items.map(\.id) }
            return (ids, nil)
        } catch {
            return (ids, error)
        }
    }

    @Test(arguments: [2, nil] as [Int?])
    func aServerThatIgnoresOffsetIsAskedTwice(size: Int?) async throws {
        // Every request gets the first page, with no total: what a proxy that drops `offset` causes.
        let server = try LoopbackServer { _, _ in .ok(#"{"items":[{"id":"a"},{"id":"b"}]}"#) }
        defer { server.stop() }
        let (ids, error) = await Self.drain(Self.offsetListing(server, size: size))
        #expect(ids == ["a", "b"], "the first page is delivered once")
        let failure = try #require(error)
        #expect(failure.kind.name == "pagingLoop")
        #expect(failure.kind.problem?.contains("the server repeated a page") == true, "\(failure)")
        #expect(failure.kind.problem?.contains("'offset'") == true, "\(failure)")
        #expect(server.requestCount == 2)
    }

    @Test(arguments: [3, nil] as [Int?])
    func aServerThatIgnoresOffsetWithATotalStopsAtTheTotalOrTheRepeat(size: Int?) async throws {
        let server = try LoopbackServer { _, _ in .ok(#"{"totalCount":1000,"items":[{"id":"a"},{"id":"b"},{"id":"c"}]}"#) }
        defer { server.stop() }
        let (ids, error) = await Self.drain(Self.offsetListing(server, size: size))
        #expect(ids == ["a", "b", "c"])
        #expect(error?.kind.name == "pagingLoop")
        #expect(server.requestCount == 2)
    }

    @Test(arguments: [3, nil] as [Int?])
    func aServerThatAlwaysAnswersAFullPageIsAskedNoMoreThanItsFirstTotal(size: Int?) async throws {
        // New items on every page, and a total that grows with each: the first total bounds the listing.
        let server = try LoopbackServer { request, _ in
            let offset = Int(request.queryValue("offset") ?? "0") ?? 0
            let items = (offset..<offset + 3).map { #"{"id":"t\#($0)"}"# }.joined(separator: ",")
            return .ok(#"{"totalCount":\#(7 + offset * 2),"items":[\#(items)]}"#)
        }
        defer { server.stop() }
        let (ids, error) = await Self.drain(Self.offsetListing(server, size: size))
        #expect(error == nil, "\(String(describing: error))")
        #expect(ids == (0..<9).map { "t\($0)" })
        #expect(server.requestCount == 3, "ceil(7 / 3) pages")
    }

    @Test func aNextLinkThatChangesWhileItsPageDoesNotIsARepeatedPage() async throws {
        let server = try LoopbackServer { _, index in
            .ok(pageJSON(ids: ["1", "2"], nextURI: "/things?seekOperation=Next&n=\(index)", continuationToken: "token-\(index)"))
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThings", as: ThingCollection.self, parameters: { listParameters() }, items: { $0.items })
        let (ids, error) = await Self.drain(pages)
        #expect(ids == ["1", "2"])
        #expect(error?.kind.problem?.contains("the server repeated a page") == true, "\(String(describing: error))")
        #expect(server.requestCount == 2)
    }

    @Test func aNextLinkThatComesBackKeepsItsGuard() async throws {
        let server = try LoopbackServer { _, index in
            .ok(pageJSON(ids: ["\(index)"], nextURI: "/things?seekOperation=Next", continuationToken: "same"))
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThings", as: ThingCollection.self, parameters: { listParameters() }, items: { $0.items })
        let (ids, error) = await Self.drain(pages)
        #expect(ids == ["0", "1"])
        #expect(error?.kind.problem?.contains("repeats an earlier one") == true, "\(String(describing: error))")
    }
}
