import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Listings resumed from a token, as another process would: after a page limit, after a
/// failure, and refused when the token is forged.
@Suite("Loopback: resumable listings")
struct ResumableListingTests {
    private func ids(_ pages: PageSequence<ThingCollection, Thing>) async throws -> (ids: [String], token: String?) {
        var ids: [String] = []
        var iterator = pages.makeAsyncIterator()
        do {
            while let page = try await iterator.next() { ids += page.items.map(\.id) }
        } catch {
            return (ids, iterator.resumePoint?.token)
        }
        return (ids, iterator.resumePoint?.token)
    }

    @Test func aListingStoppedAfterOnePageGoesOnFromItsTokenInAnotherClient() async throws {
        let server = try LoopbackServer(PagingTests.threePages)
        defer { server.stop() }
        let first = try await ids(PagingTests.listing(makeClient(server)).prefix(pages: 1))
        #expect(first.ids == ["1", "2"])
        let token = try #require(first.token)
        // A new client, as in a new process: only the token carries over.
        let point = try ListingResumePoint(token: token)
        #expect(point.operationID == "listThings")
        let rest = try await ids(PagingTests.listing(makeClient(server)).resuming(from: point))
        #expect(rest.ids == ["3", "4", "5"])
        #expect(rest.token == nil, "the last page has no resume point")
        #expect(server.requests.last?.header("MS-ContinuationToken") == PagingTests.secondToken)
    }

    @Test func aListingThatFailedGoesOnFromTheFailedPage() async throws {
        let failing = FailOnce()
        let server = try LoopbackServer { request, index in
            if request.header("MS-ContinuationToken") == PagingTests.firstToken, failing.first() {
                return .json(400, #"{"code":"Transient","description":"try again"}"#)
            }
            return PagingTests.threePages(request, index)
        }
        defer { server.stop() }
        let first = try await ids(PagingTests.listing(makeClient(server)))
        #expect(first.ids == ["1", "2"])
        let token = try #require(first.token, "a failed page is where to go on from")
        let rest = try await ids(PagingTests.listing(makeClient(server)).resuming(from: ListingResumePoint(token: token)))
        #expect(first.ids + rest.ids == ["1", "2", "3", "4", "5"], "no item repeated or skipped")
    }

    @Test func aTokenNamingAnotherHostIsRefusedBeforeAnyRequest() async throws {
        let server = try LoopbackServer(PagingTests.threePages)
        defer { server.stop() }
        let forged = Data(#"{"version":1,"operation":"listThings","link":{"uri":"https://attacker.example/v1/things","method":"GET","headers":[]}}"#.utf8)
            .base64EncodedString()
        let pages = PagingTests.listing(makeClient(server)).resuming(from: try ListingResumePoint(token: forged))
        var iterator = pages.makeAsyncIterator()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await iterator.next() })
        #expect(error.kind.name == "malformedResponse", "\(error)")
        #expect(server.requestCount == 0)
    }

    @Test func aTokenOfAnotherOperationOrGarbageIsRefused() async throws {
        let server = try LoopbackServer(PagingTests.threePages)
        defer { server.stop() }
        #expect(throws: APIError.self) { try ListingResumePoint(token: "not a token") }
        let other = Data(#"{"version":1,"operation":"listOthers","offset":4,"parameters":{}}"#.utf8).base64EncodedString()
        var iterator = PagingTests.listing(makeClient(server)).resuming(from: try ListingResumePoint(token: other)).makeAsyncIterator()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await iterator.next() })
        #expect(error.kind.name == "invalidRequest")
        #expect(server.requestCount == 0)
    }

    /// True the first time only.
    final class FailOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false

        func first() -> Bool {
            lock.withLock {
                defer { done = true }
                return !done
            }
        }
    }
}
