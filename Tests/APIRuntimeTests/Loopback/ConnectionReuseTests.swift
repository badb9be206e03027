import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// The default transport keeps connections alive, and the test server lets it.
@Suite("Loopback: connection reuse")
struct ConnectionReuseTests {
    @Test func sequentialCallsShareOneConnection() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server)
        for _ in 0..<5 {
            _ = try await client.send("listThings", parameters: listParameters(), as: ThingCollection.self)
        }
        let connections = Set(server.requests.map(\.connection))
        #expect(server.requestCount == 5)
        #expect(connections.count == 1, "URLSession opened \(connections.count) connections for 5 sequential calls")
    }

    @Test func retryAfterTheServerClosedTheConnectionUsesANewOne() async throws {
        // The first answer closes its connection; the retry must not be lost on it.
        let server = try LoopbackServer { _, index in
            index == 0 ? .json(503, "{}", headers: [("Connection", "close")]) : .ok(pageJSON(ids: ["1"]))
        }
        defer { server.stop() }
        let page = try await makeClient(server).send("listThings", parameters: listParameters(), as: ThingCollection.self)
        #expect(page.items.map(\.id) == ["1"])
        #expect(Set(server.requests.map(\.connection)).count == 2)
    }
}
