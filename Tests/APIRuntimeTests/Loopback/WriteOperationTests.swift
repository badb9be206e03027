import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Writes over real HTTP on 127.0.0.1: bodies validated before sending and sent as given,
/// several success statuses, headers as arguments and as results, retries only when safe,
/// and offset paging.
@Suite struct WriteOperationTests {
    static let thing: JSONValue = .members(["id": .string("t-1"), "name": .string("made"), "weight": try! JSONParser.parse(Data("1.50".utf8))])

    @Test func invalidBodyIsRefusedWithItsPointersAndNothingIsSent() async throws {
        let server = try LoopbackServer { _, _ in .json(201, #"{"id":"t-1"}"#) }
        defer { server.stop() }
        let body: JSONValue = .members(["name": .integer(5), "count": .string("three")])
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("createThing", parameters: [:], body: body)
        })
        #expect(error.kind.invalidRequestProblems == [
            "body: missing required property 'id'", "body at /count: expected integer, got string", "body at /name: expected string, got integer",
        ])
        #expect(server.requestCount == 0)
    }

    @Test func bodyIsSentAsJSONWithItsNumbersAsGivenAndTheCreatedResourceIsDecoded() async throws {
        let server = try LoopbackServer { request, _ in .json(201, String(decoding: request.body, as: UTF8.self)) }
        defer { server.stop() }
        let created = try await makeClient(server).send("createThing", parameters: [:], body: Self.thing, as: Thing.self)
        #expect(created == Thing(id: "t-1", name: "made", weight: 1.5))
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"id":"t-1","name":"made","weight":1.50}"#)
        #expect(request.header("Content-Type") == "application/json; charset=utf-8")
    }

    @Test func missingRequiredBodyAndABodyForAnOperationWithoutOneAreRefused() async throws {
        let server = try LoopbackServer { _, _ in .json(204, "") }
        defer { server.stop() }
        let client = makeClient(server)
        let missing = try #require(await #expect(throws: APIError.self) { try await client.sendJSON("createThingOnce", parameters: [:]) })
        #expect(missing.kind.invalidRequestProblems == ["missing required body"])
        let extra = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("deleteThing", parameters: ["thing-id": .string("t")], body: Self.thing)
        })
        #expect(extra.kind.invalidRequestProblems == ["the operation takes no body"])
        #expect(server.requestCount == 0)
    }

    @Test func postWithoutABodySaysContentLengthZero() async throws {
        let server = try LoopbackServer { _, _ in .json(201, #"{"id":"t-1"}"#) }
        defer { server.stop() }
        _ = try await makeClient(server).sendJSON("createThing", parameters: [:])
        let request = try #require(server.requests.first)
        #expect(request.header("Content-Length") == "0")
        #expect(request.body.isEmpty)
    }

    @Test func formBodyIsEncodedAsNameValuePairs() async throws {
        let server = try LoopbackServer { _, _ in HTTPServerResponse(status: 204) }
        defer { server.stop() }
        let body: JSONValue = .members(["scope": .string("https://api.partnercenter.microsoft.com/.default"), "grant_type": .string("client credentials&x")])
        _ = try await makeClient(server).sendJSON("submitForm", parameters: [:], body: body)
        let request = try #require(server.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self) == "grant_type=client%20credentials%26x&scope=https%3A%2F%2Fapi.partnercenter.microsoft.com%2F.default")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
    }

    @Test func noContentHasNoValueAndItsResponseHasTheStatus() async throws {
        let server = try LoopbackServer { _, _ in HTTPServerResponse(status: 204) }
        defer { server.stop() }
        let client = makeClient(server)
        #expect(try await client.sendJSON("deleteThing", parameters: ["thing-id": .string("t-1")]) == .null)
        let response = try await client.sendResponse("deleteThing", parameters: ["thing-id": .string("t-1")])
        #expect(response.status == 204)
        #expect(response.requestID == server.requests.last?.header("MS-RequestId"))
        #expect(server.requests.map(\.method) == ["DELETE", "DELETE"])
    }

    @Test func updateWithIfMatchIsAnsweredOkOrAcceptedWithALocation() async throws {
        let server = try LoopbackServer { request, index in
            index == 0 ? .json(200, String(decoding: request.body, as: UTF8.self)) : HTTPServerResponse(status: 202, headers: [("Location", "/v1/operations/op-7")])
        }
        defer { server.stop() }
        let client = makeClient(server)
        let parameters: [String: JSONValue?] = ["thing-id": .string("t-1"), "If-Match": .string("W/\"etag-1\"")]
        let updated = try await client.sendResponse("updateThing", parameters: parameters, body: Self.thing)
        #expect(updated.status == 200)
        #expect(updated.value["id"] == .string("t-1"))
        let accepted = try await client.sendResponse("updateThing", parameters: parameters, body: Self.thing)
        #expect(accepted.status == 202)
        #expect(accepted.value == .null)
        #expect(accepted.header("location") == "/v1/operations/op-7")
        #expect(server.requests.map { $0.header("If-Match") } == ["W/\"etag-1\"", "W/\"etag-1\""])
        #expect(server.requests.map(\.method) == ["PATCH", "PATCH"])
    }

    @Test func staleIfMatchIsATypedErrorWithThePartnerCenterBody() async throws {
        let server = try LoopbackServer { _, _ in .json(412, #"{"code":"800001","description":"The ETag does not match.","source":"PartnerCenter"}"#) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("updateThing", parameters: ["thing-id": .string("t-1"), "If-Match": .string("stale")], body: Self.thing)
        })
        #expect(error.kind.statusBody?.status == 412)
        #expect(error.kind.statusBody?.body?.code == "800001")
        #expect(error.kind.statusBody?.body?.errorDescription == "The ETag does not match.")
        #expect(server.requestCount == 1, "a 412 is not retried")
    }

    @Test(arguments: ["etag\r\nX-Injected: 1", "etag\nx", "etag\0"])
    func headerArgumentWithALineBreakOrNULIsRefused(_ value: String) async throws {
        let server = try LoopbackServer { _, _ in .json(200, "{}") }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("updateThing", parameters: ["thing-id": .string("t-1"), "If-Match": .string(value)], body: Self.thing)
        })
        #expect(error.kind.name == "invalidRequest")
        #expect(server.requestCount == 0)
    }

    @Test func postIsRetriedAfterA503OnlyWhenTheSpecSaysItIsIdempotent() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .json(201, #"{"id":"t-1"}"#) }
        defer { server.stop() }
        let client = makeClient(server)
        let created = try await client.send("createThingOnce", parameters: [:], body: Self.thing, as: Thing.self)
        #expect(created.id == "t-1")
        let ids = server.requests.map { $0.header("MS-RequestId") }
        #expect(ids.count == 2 && ids[0] == ids[1], "the retry is the same request for Partner Center: the same MS-RequestId")
        #expect(server.requests.map { String(decoding: $0.body, as: UTF8.self) }.allSatisfy { $0 == #"{"id":"t-1","name":"made","weight":1.50}"# })
    }

    @Test func postIsRetriedAfterA429() async throws {
        let server = try LoopbackServer { _, index in
            index == 0 ? .json(429, #"{"statusCode":429,"message":"Rate limit is exceeded."}"#, headers: [("Retry-After", "1")]) : .json(201, #"{"id":"t-1"}"#)
        }
        defer { server.stop() }
        let created = try await makeClient(server).send("createThing", parameters: [:], body: Self.thing, as: Thing.self)
        #expect(created.id == "t-1")
        #expect(server.requests.map(\.method) == ["POST", "POST"])
    }

    @Test func offsetPagingAdvancesByTheItemsReceivedAndStopsOnAShortPage() async throws {
        let ids = (0..<7).map { "t\($0)" }
        let server = try LoopbackServer { request, _ in
            let offset = Int(request.queryValue("offset") ?? "0") ?? 0
            let size = Int(request.queryValue("size") ?? "10") ?? 10
            let page = ids.dropFirst(offset).prefix(size).map { #"{"id":"\#($0)"}"# }.joined(separator: ",")
            return .ok(#"{"items":[\#(page)]}"#)
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThingsByOffset", as: ThingCollection.self, parameters: { ["size": .integer(3)] }, items: { $0.items })
        var received: [String] = []
        for try await page in pages { received += page.items.map(\.id) }
        #expect(received == ids)
        #expect(server.requests.map(\.target) == ["/v1/offset-things?size=3", "/v1/offset-things?offset=3&size=3", "/v1/offset-things?offset=6&size=3"])
    }

    @Test func offsetPagingStopsAtTheTotalWithoutAnotherRequest() async throws {
        let server = try LoopbackServer { request, _ in
            let offset = Int(request.queryValue("offset") ?? "0") ?? 0
            let page = (offset..<min(offset + 3, 6)).map { #"{"id":"t\#($0)"}"# }.joined(separator: ",")
            return .ok(#"{"totalCount":6,"items":[\#(page)]}"#)
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThingsByOffset", as: ThingCollection.self, parameters: { ["size": .integer(3)] }, items: { $0.items })
        var count = 0
        for try await page in pages.items { _ = page; count += 1 }
        #expect(count == 6)
        #expect(server.requestCount == 2)
    }
}
