import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// What the server sees of a request: the URL, each value encoded once, the shared headers.
@Suite("Loopback: request building")
struct RequestBuildingTests {
    @Test func queryValuesAreEncodedOnceAndJoinedWithAmpersand() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let prefix = #"a&b=c/d+e f?#%25"ü\"#
        _ = try await makeClient(server).sendJSON("listThings", parameters: listParameters(size: 7, prefix: prefix))

        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/v1/things")
        let rawQuery = String(try #require(request.target.split(separator: "?", maxSplits: 1).last))
        let pairs = rawQuery.split(separator: "&")
        #expect(pairs.count == 2, "the query is `size=…&filter=…`: \(rawQuery)")
        #expect(pairs.first == "size=7")
        let filterPair: Substring = try #require(pairs.last)
        let rawFilter = String(filterPair.split(separator: "=", maxSplits: 1).last ?? "")
        let reserved = Set<Character>("{}\"&=?# /+")
        #expect(!rawFilter.contains(where: reserved.contains), "every reserved character is percent-encoded: \(rawFilter)")
        // Decoding once gives the JSON the caller passed: it was encoded exactly once.
        let decoded = try #require(rawFilter.removingPercentEncoding)
        #expect(try JSONParser.parse(decoded) == TestDocument.filter(prefix))
        #expect(request.queryValue("filter") == decoded)
    }

    @Test func pathValuesAreEncodedOnce() async throws {
        let server = try LoopbackServer { _, _ in .ok(#"{"id":"x"}"#) }
        defer { server.stop() }
        _ = try await makeClient(server).sendJSON("getThing", parameters: ["thing-id": .string("a/b c%d")])
        #expect(server.requests.first?.target == "/v1/things/a%2Fb%20c%25d")
    }

    @Test func sharedHeadersAreSentWithEveryCall() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server, tokenProvider: StaticTokenProvider("abc.def-ghi"))
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        _ = try await client.sendJSON("listThings", parameters: listParameters())

        let requests = server.requests
        try #require(requests.count == 2)
        for request in requests {
            #expect(request.header("Accept") == "application/json")
            #expect(request.header("X-Locale") == "en-US")
            #expect(request.header("Authorization") == "Bearer abc.def-ghi")
            #expect(UUID(uuidString: request.header("MS-RequestId") ?? "") != nil)
            #expect(UUID(uuidString: request.header("MS-CorrelationId") ?? "") != nil)
        }
        #expect(requests[0].header("MS-RequestId") != requests[1].header("MS-RequestId"), "a new MS-RequestId per call")
        #expect(requests[0].header("MS-CorrelationId") == requests[1].header("MS-CorrelationId"), "one MS-CorrelationId per client")

        // Another client has another correlation id.
        _ = try await makeClient(server).sendJSON("listThings", parameters: listParameters())
        #expect(server.requests[2].header("MS-CorrelationId") != requests[0].header("MS-CorrelationId"))
    }

    @Test func callerSetsCorrelationIdAndLocaleButNotFixedHeaders() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) {
            $0.headerValues = ["MS-CorrelationId": "my-correlation", "X-Locale": "fr-FR", "Accept": "text/plain"]
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        let request = try #require(server.requests.first)
        #expect(request.header("MS-CorrelationId") == "my-correlation")
        #expect(request.header("X-Locale") == "fr-FR")
        #expect(request.header("Accept") == "application/json", "a fixed header cannot be overridden")
    }

    @Test func noAuthorizationWithoutTokenProvider() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        _ = try await makeClient(server, tokenProvider: nil).sendJSON("listThings", parameters: listParameters())
        #expect(server.requests.first?.header("Authorization") == nil)
    }
}

/// Arguments are checked against their schemas before anything goes on the wire.
@Suite("Loopback: parameter validation")
struct ParameterValidationTests {
    @Test(arguments: [0, 501, -1])
    func sizeOutOfRangeIsRefusedBeforeSending(size: Int) async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("listThings", parameters: listParameters(size: size))
        })
        let problems = try #require(error.kind.invalidRequestProblems)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("parameter 'size'") == true, "\(problems)")
        #expect(error.operationID == "listThings")
        #expect(server.requestCount == 0)
    }

    @Test func sizeAtTheLimitsIsSent() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        _ = try await makeClient(server).sendJSON("listThings", parameters: listParameters(size: 1))
        _ = try await makeClient(server).sendJSON("listThings", parameters: listParameters(size: 500))
        #expect(server.requests.map { $0.queryValue("size") } == ["1", "500"])
    }

    @Test func missingRequiredParameterIsRefused() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("listThings", parameters: ["size": .integer(2), "filter": nil])
        })
        #expect(error.kind.invalidRequestProblems == ["missing required parameter 'filter'"])
        #expect(server.requestCount == 0)
    }

    @Test func unknownParameterIsRefused() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        var parameters = listParameters()
        parameters["colour"] = .string("red")
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("listThings", parameters: parameters)
        })
        #expect(error.kind.invalidRequestProblems == ["unknown parameter 'colour'"])
        #expect(server.requestCount == 0)
    }

    @Test func filterBreakingItsSchemaIsRefused() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let filter = JSONValue.members(["Field": .string("Colour"), "Value": .integer(3), "Operator": .string("starts_with")])
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("listThings", parameters: ["filter": filter])
        })
        #expect(error.kind.invalidRequestProblems == [
            #"parameter 'filter' at /Field: expected constant "Name""#,
            "parameter 'filter' at /Value: expected string, got integer",
        ])
        #expect(server.requestCount == 0)
    }

    @Test func unknownOperationIsRefused() async throws {
        let server = try LoopbackServer { _, _ in .ok("{}") }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("deleteEverything", parameters: [:])
        })
        #expect(error.kind.name == "invalidRequest")
        #expect(server.requestCount == 0)
    }
}

/// A header value with CR, LF or NUL could smuggle headers or requests: nothing is sent.
@Suite("Loopback: header injection")
struct HeaderInjectionTests {
    static let hostileValues = ["en-US\r\nX-Injected: 1", "en-US\nX-Injected: 1", "en-US\rX", "en\0US"]

    @Test(arguments: hostileValues)
    func controlCharacterInHeaderValueIsRefused(value: String) async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) { $0.headerValues["X-Locale"] = value }
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.invalidRequestProblems == ["header X-Locale contains a control character"])
        #expect(server.requestCount == 0)
    }

    @Test func controlCharacterInCorrelationIdIsRefused() async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server) { $0.headerValues["MS-CorrelationId"] = "abc\r\nX-Injected: 1" }
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.name == "invalidRequest")
        #expect(server.requestCount == 0)
    }

    @Test(arguments: ["SECRET\r\nX-Injected: 1", "SECRET\nX", "SECRET\0"])
    func controlCharacterInTokenIsRefused(token: String) async throws {
        let server = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let client = makeClient(server, tokenProvider: StaticTokenProvider(token))
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.invalidRequestProblems == ["the bearer token contains a control character"])
        #expect(!String(describing: error).contains("SECRET"))
        #expect(server.requestCount == 0)
    }

    @Test func controlCharacterInNextLinkHeaderIsRefused() async throws {
        let server = try LoopbackServer { _, _ in
            .ok(pageJSON(ids: ["1"], nextURI: "/things?seekOperation=Next", continuationToken: #"abc\r\nX-Injected: 1"#))
        }
        defer { server.stop() }
        let pages = makeClient(server).pages("listThings", as: ThingCollection.self, parameters: { listParameters() }, items: { $0.items })
        var iterator = pages.makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.items.map(\.id) == ["1"])
        let error = try #require(await #expect(throws: APIError.self) { _ = try await iterator.next() })
        #expect(error.kind.invalidRequestProblems == ["header MS-ContinuationToken contains a control character"])
        #expect(server.requestCount == 1)
    }
}
