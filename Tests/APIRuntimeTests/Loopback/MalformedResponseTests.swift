import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Bodies that are not what the spec says, each giving its own typed error.
@Suite("Loopback: malformed and error responses")
struct MalformedResponseTests {
    /// Calls `listThings` against a server that always answers `response`, with no retries.
    static func failure(
        _ response: HTTPServerResponse, as type: ThingCollection.Type = ThingCollection.self
    ) async throws -> (APIError, LoopbackServer) {
        let server = try LoopbackServer { _, _ in response }
        defer { server.stop() }
        let client = makeClient(server) { $0.retry = .none }
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.send("listThings", parameters: listParameters(), as: type)
        })
        return (error, server)
    }

    @Test func leadingByteOrderMarkIsAccepted() async throws {
        let body = Data([0xEF, 0xBB, 0xBF]) + Data(pageJSON(ids: ["1", "2"]).utf8)
        let server = try LoopbackServer { _, _ in .raw(200, contentType: "application/json", body) }
        defer { server.stop() }
        let page = try await makeClient(server).send("listThings", parameters: listParameters(), as: ThingCollection.self)
        #expect(page.items.map(\.id) == ["1", "2"])
    }

    @Test func tenThousandNestedArraysAreMalformedNotACrash() async throws {
        let body = Data(repeating: UInt8(ascii: "["), count: 10_000)
        let (error, _) = try await Self.failure(.raw(200, contentType: "application/json", body))
        #expect(error.kind.name == "malformedResponse")
        #expect(error.kind.problem?.contains("nest") == true, "\(error)")
        let closed = Data(repeating: UInt8(ascii: "["), count: 10_000) + Data(repeating: UInt8(ascii: "]"), count: 10_000)
        let (closedError, _) = try await Self.failure(.raw(200, contentType: "application/json", closed))
        #expect(closedError.kind.name == "malformedResponse")
    }

    @Test func hugeIntegerPassesTheSchemaAndFailsDecodingIntoInt() async throws {
        // JSON Schema's integer has no size limit, so the body is valid and `sendJSON` keeps every
        // digit; `Int` cannot hold it, so `send` gives a decoding error naming where the number is.
        let huge = "123456789012345678901234567890"
        let body = #"{"items":[{"id":"1"},{"id":"2","count":\#(huge)}]}"#
        let (error, _) = try await Self.failure(.ok(body))
        #expect(error.kind.name == "decoding", "\(error)")
        #expect(error.kind.problem == "/items/1/count: the number \(huge) does not fit Int")
        #expect(error.status == 200)

        let server = try LoopbackServer { _, _ in .ok(body) }
        defer { server.stop() }
        let json = try await makeClient(server).sendJSON("listThings", parameters: listParameters())
        #expect(json["items"]?.arrayValue?.last?["count"] == .number(JSONNumber(literal: huge)))
    }

    @Test func hugeNumberWhereTheSchemaWantsANumber() async throws {
        // `1e400` is a valid JSON number beyond `Double`: valid for the schema, not decodable as Double.
        let body = #"{"items":[{"id":"1","weight":1e400}]}"#
        let (error, _) = try await Self.failure(.ok(body))
        #expect(error.kind.name == "decoding", "\(error)")
        #expect(error.kind.problem == "/items/0/weight: the number 1e400 does not fit Double")
    }

    @Test func hugeIntegerWhereTheSchemaWantsAStringIsAViolation() async throws {
        let (error, _) = try await Self.failure(.ok(#"{"items":[{"id":123456789012345678901234567890}]}"#))
        #expect(error.kind.violations?.map(\.description) == ["/items/0/id: expected string, got integer"])
    }

    @Test func invalidUTF8IsMalformed() async throws {
        let body = Data(#"{"items":[{"id":""#.utf8) + Data([0xFF, 0xFE]) + Data(#""}]}"#.utf8)
        let (error, _) = try await Self.failure(.raw(200, contentType: "application/json", body))
        #expect(error.kind.name == "malformedResponse")
        #expect(error.kind.problem?.contains("UTF-8") == true, "\(error)")
    }

    @Test(arguments: [#"{"items":[{"id":"1"}"#, #"{"items":[{"id":"1"#, "", #"{"items":[{"id":"1"}]"#])
    func truncatedBodyIsMalformed(body: String) async throws {
        let (error, _) = try await Self.failure(.ok(body))
        #expect(error.kind.name == "malformedResponse", "\(error)")
        #expect(error.status == 200)
    }

    @Test func htmlErrorPageWithStatus200IsMalformed() async throws {
        let html = "<!DOCTYPE html><html><body><h1>Service unavailable</h1></body></html>"
        // Labelled as HTML: refused by its Content-Type.
        let (labelled, _) = try await Self.failure(.raw(200, contentType: "text/html; charset=utf-8", Data(html.utf8)))
        #expect(labelled.kind.name == "malformedResponse")
        // Labelled as JSON: refused by the parser, at byte 0.
        let (mislabelled, _) = try await Self.failure(.raw(200, contentType: "application/json", Data(html.utf8)))
        #expect(mislabelled.kind.name == "malformedResponse")
        #expect(mislabelled.kind.problem?.hasPrefix("invalid JSON at byte 0") == true, "\(mislabelled)")
    }

    @Test func wrongContentTypeIsMalformedAndNamed() async throws {
        let (error, _) = try await Self.failure(.raw(200, contentType: "text/html", Data(pageJSON(ids: ["1"]).utf8)))
        #expect(error.kind.name == "malformedResponse")
        #expect(error.kind.problem?.contains("text/html") == true, "\(error)")
        #expect(String(describing: error).contains("Content-Type 'text/html'"))
    }

    @Test(arguments: ["application/json; charset=utf-8", "application/vnd.partner+json", "APPLICATION/JSON"])
    func jsonContentTypesAreAccepted(contentType: String) async throws {
        let server = try LoopbackServer { _, _ in .raw(200, contentType: contentType, Data(pageJSON(ids: ["1"]).utf8)) }
        defer { server.stop() }
        let page = try await makeClient(server).send("listThings", parameters: listParameters(), as: ThingCollection.self)
        #expect(page.items.count == 1)
    }

    @Test func bodyBreakingTheSchemaNamesEachPointer() async throws {
        let body = #"{"items":[{"id":"1"},{"id":7},{"name":"no id"}],"links":{"next":{"method":"GET"}}}"#
        let (error, _) = try await Self.failure(.ok(body))
        #expect(error.kind.violations?.map(\.description) == [
            "/items/1/id: expected string, got integer",
            "/items/2: missing required property 'id'",
            "/links/next: missing required property 'uri'",
        ])
        #expect(String(describing: error).contains("/items/1/id: expected string, got integer"))
    }

    @Test func wrongTopLevelTypeIsAViolationAtTheRoot() async throws {
        let (error, _) = try await Self.failure(.ok("[]"))
        #expect(error.kind.violations?.map(\.description) == ["/: expected object, got array"])
    }

    @Test(arguments: [("600039", #"600039"#), ("InvalidInput", #""InvalidInput""#)])
    func partnerCenterErrorBodyIsDecoded(code: String, literal: String) async throws {
        let body = #"{"code":\#(literal),"description":"The filter is invalid.","data":["size","filter"],"source":"PartnerFD"}"#
        let response = HTTPServerResponse.json(400, body, headers: [("MS-CV", "cv.base.1"), ("MS-RequestId", "server-copy")])
        let (error, server) = try await Self.failure(response)
        let (status, decoded) = try #require(error.kind.statusBody)
        #expect(status == 400)
        #expect(decoded?.code == code)
        #expect(decoded?.errorDescription == "The filter is invalid.")
        #expect(decoded?.data == ["size", "filter"])
        #expect(decoded?.source == "PartnerFD")
        #expect(decoded?.text == nil)
        // Context: what the server saw and sent.
        let request = try #require(server.requests.first)
        #expect(error.status == 400)
        #expect(error.requestID == request.header("MS-RequestId"))
        #expect(error.correlationID == request.header("MS-CorrelationId"))
        #expect(error.correlationVector == "cv.base.1")
        #expect(error.operationID == "listThings")
        let description = String(describing: error)
        #expect(description.hasPrefix("HTTP 400: code \(code): The filter is invalid."))
        #expect(description.contains("MS-RequestId \(request.header("MS-RequestId") ?? "?")"))
        #expect(description.contains("MS-CV cv.base.1"))
    }

    @Test func throttlingBodyIsDecoded() async throws {
        let body = #"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}"#
        let (error, _) = try await Self.failure(.json(429, body, headers: [("Retry-After", "1")]))
        let (status, decoded) = try #require(error.kind.statusBody)
        #expect(status == 429)
        #expect(decoded?.code == "429")
        #expect(decoded?.errorDescription == "Rate limit is exceeded. Try again in 1 seconds.")
        #expect(decoded?.text == nil)
    }

    @Test(arguments: [
        ("<html><body>Bad gateway</body></html>", "text/html"),
        (#"{"error":{"kind":"weird"}}"#, "application/json"),
        ("plain words", "text/plain"),
    ])
    func unknownErrorShapeIsKeptAsText(body: String, contentType: String) async throws {
        let (error, _) = try await Self.failure(.raw(502, contentType: contentType, Data(body.utf8)))
        let (status, decoded) = try #require(error.kind.statusBody)
        #expect(status == 502)
        #expect(decoded?.code == nil)
        #expect(decoded?.text == body)
    }

    @Test func errorStatusWithEmptyBodyKeepsTheStatus() async throws {
        let (error, _) = try await Self.failure(HTTPServerResponse(status: 404))
        #expect(error.kind.statusBody?.status == 404)
        #expect(error.status == 404)
    }

    @Test func validBodyThatCannotBeDecodedIsADecodingError() async throws {
        struct Strict: Decodable, Sendable {
            var items: [Item]
            struct Item: Decodable, Sendable { var id: String; var name: String }
        }
        let server = try LoopbackServer { _, _ in .ok(#"{"items":[{"id":"1","name":"a"},{"id":"2"}]}"#) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).send("listThings", parameters: listParameters(), as: Strict.self)
        })
        #expect(error.kind.name == "decoding")
        #expect(error.kind.problem?.hasPrefix("/items/1: ") == true, "\(error)")
        #expect(error.kind.problem?.contains("name") == true, "\(error)")
    }
}
