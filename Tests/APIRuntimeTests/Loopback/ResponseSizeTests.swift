import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// A response body larger than `maximumResponseBytes` is a typed error, not unbounded memory.
@Suite("Loopback: response size limit")
struct ResponseSizeTests {
    /// Calls `listThings` against `server` with a limit of `limit` bytes.
    private static func list(_ server: LoopbackServer, limit: Int) async throws -> ThingCollection {
        try await makeClient(server) { $0.maximumResponseBytes = limit }
            .send("listThings", parameters: listParameters(), as: ThingCollection.self)
    }

    @Test func bodyOverTheLimitIsRefusedAndNotRetried() async throws {
        let body = pageJSON(ids: (0..<2_000).map(String.init))
        let server = try LoopbackServer { _, _ in .ok(body) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { try await Self.list(server, limit: 10_000) })
        guard case let .responseTooLarge(limit) = error.kind else {
            Issue.record("expected responseTooLarge, got \(error)")
            return
        }
        #expect(limit == 10_000)
        #expect(error.operationID == "listThings")
        #expect(error.description.hasPrefix("the response body is larger than the limit of 10000 bytes"))
        #expect(server.requestCount == 1)
    }

    @Test func bodyAtTheLimitIsAccepted() async throws {
        let body = pageJSON(ids: ["1", "2"])
        let server = try LoopbackServer { _, _ in .ok(body) }
        defer { server.stop() }
        let page = try await Self.list(server, limit: body.utf8.count)
        #expect(page.items.map(\.id) == ["1", "2"])
    }

    /// 2 KB of gzip that inflates to 2 MiB of JSON: its `Content-Length` is small, so only
    /// counting the bytes as they are decoded can stop it.
    static let gzipBomb: Data = {
        let base64 = "H4sIAAAAAAACA+3BsREAEBAAsFXcj2EVp1QovqJzdjeGJsmJuUeuqK0" + String(repeating: "A", count: 2709) + "fNbvA0SWlJEMACAA"
        return Data(base64Encoded: base64) ?? Data()
    }()

    @Test func compressedBodyIsCountedAsItInflates() async throws {
        let server = try LoopbackServer { _, _ in
            .raw(200, contentType: "application/json", Self.gzipBomb, headers: [("Content-Encoding", "gzip")])
        }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { try await Self.list(server, limit: 64 * 1024) })
        guard case .responseTooLarge(limit: 64 * 1024) = error.kind else {
            Issue.record("expected responseTooLarge, got \(error)")
            return
        }
        // Under the limit the same body inflates and parses (an empty item list).
        let page = try await Self.list(server, limit: 4 * 1024 * 1024)
        #expect(page.items.isEmpty)
    }

    @Test func transportOfTheCallersOwnIsCheckedToo() async throws {
        struct Oversized: HTTPTransport {
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                TransportResponse(status: 200, body: Data(pageJSON(ids: ["1", "2", "3"]).utf8))
            }
        }
        let client = APIClient(
            document: TestDocument.document, baseURL: URL(fileURLWithPath: "/"), tokenProvider: nil,
            configuration: APIClient.Configuration(transport: Oversized(), maximumResponseBytes: 20)
        )
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.send("listThings", parameters: listParameters(), as: ThingCollection.self)
        })
        #expect(error.kind.name == "responseTooLarge")
    }
}
