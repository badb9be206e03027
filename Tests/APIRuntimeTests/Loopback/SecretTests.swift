import APIIdentity
import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// A token planted in every error path never shows in an error, a description or an event.
@Suite("Loopback: secrets")
struct SecretTests {
    static let token = "SECRET-TOKEN-123"

    /// A scenario that ends in an error: what the server answers and how the call is made.
    struct Scenario: Sendable, CustomTestStringConvertible {
        var name: String
        var respond: @Sendable (HTTPServerRequest, Int) -> HTTPServerResponse
        var parameters: [String: JSONValue?] = listParameters()
        var headerValues: [String: String] = [:]
        var timeout: Duration = .seconds(10)
        var refusesConnections = false
        var paged = false
        var testDescription: String { name }
    }

    /// Echoes the request's `Authorization` header in several places of the body.
    static func echo(_ request: HTTPServerRequest, status: Int) -> HTTPServerResponse {
        let authorization = request.header("Authorization") ?? ""
        let body = #"{"code":"Unauthorized","description":"rejected \#(authorization)","data":["\#(authorization)"],"source":"\#(authorization)"}"#
        return .json(status, body, headers: [("MS-CV", authorization)])
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "invalid parameter", respond: { _, _ in .ok("{}") }, parameters: listParameters(size: 0)),
        Scenario(name: "header injection", respond: { _, _ in .ok("{}") }, headerValues: ["X-Locale": "a\r\nb"]),
        Scenario(name: "401 twice, echoing the header", respond: { request, _ in echo(request, status: 401) }),
        Scenario(name: "400 echoing the header", respond: { request, _ in echo(request, status: 400) }),
        Scenario(name: "503 storm echoing the header", respond: { request, _ in echo(request, status: 503) }),
        Scenario(name: "unknown error shape echoing the header", respond: { request, _ in
            .raw(500, contentType: "text/plain", Data("denied for \(request.header("Authorization") ?? "")".utf8))
        }),
        Scenario(name: "malformed body", respond: { request, _ in
            .raw(200, contentType: "application/json", Data("<html>\(request.header("Authorization") ?? "")</html>".utf8))
        }),
        Scenario(name: "wrong content type", respond: { request, _ in
            .raw(200, contentType: "text/html; \(request.header("Authorization") ?? "")", Data("{}".utf8))
        }),
        Scenario(name: "schema violation", respond: { _, _ in .ok(#"{"items":[{"id":1}]}"#) }),
        Scenario(name: "decoding failure", respond: { _, _ in .ok(#"{"items":[{"id":"1","count":1e400}]}"#) }),
        Scenario(name: "timeout", respond: { _, _ in
            Thread.sleep(forTimeInterval: 1)
            return .ok("{}")
        }, timeout: .milliseconds(200)),
        Scenario(name: "connection refused", respond: { _, _ in .ok("{}") }, refusesConnections: true),
        Scenario(name: "paging loop", respond: { _, _ in
            .ok(pageJSON(ids: ["1"], nextURI: "/things?seekOperation=Next", continuationToken: "same"))
        }, paged: true),
    ]

    @Test(arguments: scenarios)
    func plantedTokenAppearsInNoErrorOrEvent(scenario: Scenario) async throws {
        // A stopped server's port could be taken by another suite's server, which would answer.
        let server = try scenario.refusesConnections ? .refusingConnections() : LoopbackServer(scenario.respond)
        defer { server.stop() }
        let events = EventRecorder()
        let client = makeClient(server, tokenProvider: StaticTokenProvider(Self.token)) {
            $0.observer = events.observer
            $0.headerValues = scenario.headerValues
            $0.requestTimeout = scenario.timeout
            $0.retry = RetryPolicy(maximumAttempts: 2)
        }
        let error = try #require(await #expect(throws: APIError.self) {
            if scenario.paged {
                for try await _ in client.pages("listThings", as: ThingCollection.self, parameters: { scenario.parameters }, items: { $0.items }) {}
            } else {
                _ = try await client.send("listThings", parameters: scenario.parameters, as: ThingCollection.self)
            }
        })
        var texts = renderings(of: error) + [String(describing: error.kind), String(reflecting: error.kind)]
        if let body = error.kind.statusBody?.body {
            texts += [String(describing: body), body.code, body.errorDescription, body.source, body.text].compactMap(\.self) + body.data
        }
        texts += [error.correlationVector].compactMap(\.self)
        texts += events.events.flatMap { [String(describing: $0), String(reflecting: $0), $0.failure ?? ""] }
        for text in texts {
            #expect(!text.contains(Self.token), "\(scenario.name): \(text)")
        }
        if server.requestCount > 0 {
            #expect(server.requests.contains { $0.header("Authorization") == "Bearer \(Self.token)" }, "the token was sent")
        }
    }

    @Test func echoedAuthorizationIsRedactedFromTheErrorBody() async throws {
        let server = try LoopbackServer { request, _ in Self.echo(request, status: 400) }
        defer { server.stop() }
        let client = makeClient(server, tokenProvider: StaticTokenProvider(Self.token))
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("listThings", parameters: listParameters())
        })
        let body = try #require(error.kind.statusBody?.body)
        #expect(body.code == "Unauthorized")
        #expect(body.errorDescription == "rejected Bearer <redacted>")
        #expect(body.data == ["Bearer <redacted>"])
        #expect(String(describing: error).contains("rejected Bearer <redacted>"))
    }

    @Test func tokenProvidersDescribeNoSecret() {
        let provider = StaticTokenProvider(Self.token)
        let credentials = RefreshTokenProvider.Credentials(
            tenantID: "tenant", clientID: "client", clientSecret: "SECRET-CLIENT-SECRET", refreshToken: "SECRET-REFRESH-TOKEN"
        )
        let refreshing = RefreshTokenProvider(credentials: credentials)
        let texts = [
            String(describing: provider), String(reflecting: provider), "\(provider)",
            String(describing: credentials), String(reflecting: credentials), "\(credentials)",
            String(describing: refreshing), String(reflecting: refreshing),
        ]
        for text in texts {
            #expect(!text.contains("SECRET"), "\(text)")
        }
        #expect(String(describing: credentials).contains("clientID: client"))
    }

    @Test func redactionRemovesBearerTokensAndGrantFields() {
        #expect(Redaction.redact("Authorization: Bearer \(Self.token)") == "Authorization: Bearer <redacted>")
        #expect(Redaction.redact("a=1&refresh_token=\(Self.token)&b=2") == "a=1&refresh_token=<redacted>&b=2")
        #expect(Redaction.redact(#"{"access_token":"\#(Self.token)"}"#) == #"{"access_token":"<redacted>"}"#)
    }
}
