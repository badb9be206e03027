import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// What a response that breaks the spec costs a call, under each ``ValidationPolicy``, over
/// real HTTP on 127.0.0.1.
@Suite("Loopback: validation policy")
struct ValidationPolicyTests {
    /// Breaks the spec at two depths: `totalCount` is a string, and the second thing's `name`
    /// a number.
    static let body = #"{"totalCount":"2","items":[{"id":"1","name":"one"},{"id":"2","name":5}]}"#
    static let pointers = ["/items/1/name: expected string, got integer", "/totalCount: expected integer, got string"]

    @Test func reportIsTheDefault() {
        #expect(APIClient.Configuration().validation == .report)
    }

    @Test func reportDeliversTheBodyAsReceivedWithEachViolation() async throws {
        let server = try LoopbackServer { _, _ in .ok(Self.body) }
        defer { server.stop() }
        let lines = LoggingTests.Lines()
        let client = makeClient(server) { $0.log.logger = lines.logger(level: .warning) }
        let response = try await client.sendResponse("listThings", parameters: listParameters())
        #expect(response.value == (try JSONParser.parse(Data(Self.body.utf8))))
        #expect(response.violations.map(\.description) == Self.pointers)
        // One warning, naming both.
        let warnings = lines.all.filter { $0.level == .warning }
        try #require(warnings.count == 1, "\(lines.all)")
        for pointer in Self.pointers { #expect(warnings[0].text.contains(pointer), "\(warnings[0].text)") }
    }

    @Test func reportFailsWithTheViolationsWhenTheModelCannotHoldTheValue() async throws {
        let server = try LoopbackServer { _, _ in .ok(Self.body) }
        defer { server.stop() }
        let error = try await #require(throws: APIError.self) {
            _ = try await makeClient(server).send("listThings", parameters: listParameters(), as: ThingCollection.self)
        }
        #expect(error.kind.violations?.map(\.description) == Self.pointers)
    }

    @Test func strictDeliversNothing() async throws {
        let server = try LoopbackServer { _, _ in .ok(Self.body) }
        defer { server.stop() }
        let client = makeClient(server) { $0.validation = .strict }
        let error = try await #require(throws: APIError.self) {
            _ = try await client.sendResponse("listThings", parameters: listParameters())
        }
        #expect(error.kind.violations?.map(\.description) == Self.pointers)
    }

    @Test func aConformingResponseHasNoViolations() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let response = try await makeClient(server).sendResponse("listThings", parameters: listParameters())
        #expect(response.violations.isEmpty)
    }

    @Test func aListingDeliversEachPageWithItsOwnViolations() async throws {
        let server = try LoopbackServer(PagingTests.secondPageBreaksTheSpec)
        defer { server.stop() }
        let pages = makeClient(server).pages("listThings", as: ThingCollection.self, parameters: { listParameters() }, items: { $0.items }).json
        var iterator = pages.makeAsyncIterator()
        _ = try #require(try await iterator.next())
        #expect(iterator.violations.isEmpty)
        let second = try #require(try await iterator.next())
        #expect(second["items"]?.arrayValue?.last?["id"] == .integer(3))
        #expect(iterator.violations.map(\.description) == ["/items/1/id: expected string, got integer"])
        #expect(try await iterator.next() == nil)
    }
}
