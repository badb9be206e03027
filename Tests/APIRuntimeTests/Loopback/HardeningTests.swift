import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Secrets echoed without a marker, secrets in `dump`, readable `localizedDescription`, and
/// success statuses the spec does not list.
@Suite("Loopback: hardening")
struct HardeningTests {
    private static let secret = "PLAIN-SECRET-0123456789"

    @Test func tokenEchoedWithoutBearerMarkerIsRedacted() async throws {
        let server = try LoopbackServer { request, _ in
            let token = request.header("Authorization").map { String($0.dropFirst("Bearer ".count)) } ?? ""
            return .json(400, #"{"code":"BadRequest","description":"token \#(token) rejected","data":["\#(token)"]}"#)
        }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server, tokenProvider: StaticTokenProvider(Self.secret)).sendJSON("listThings", parameters: listParameters())
        })
        for rendering in renderings(of: error) {
            #expect(!rendering.contains(Self.secret), "\(rendering)")
        }
        guard case let .status(400, body?) = error.kind else {
            Issue.record("expected HTTP 400, got \(error)")
            return
        }
        #expect(body.errorDescription == "token <redacted> rejected")
        #expect(body.data == ["<redacted>"])
    }

    @Test func dumpShowsNoSecrets() {
        var dumped = ""
        dump(StaticTokenProvider(Self.secret), to: &dumped)
        dump(RefreshTokenProvider.Credentials(tenantID: "t", clientID: "c", clientSecret: Self.secret, refreshToken: Self.secret), to: &dumped)
        #expect(!dumped.contains(Self.secret))
        #expect(dumped.contains("<redacted>"))
    }

    @Test func localizedDescriptionSaysWhatHappened() {
        let error = APIError(.timeout)
        #expect(error.localizedDescription == "timed out")
    }

    @Test func undeclaredSuccessStatusIsValidatedAgainstTheSuccessSchema() async throws {
        // createThing declares 201; a server answering 200 with the resource is still checked as a Thing.
        let server = try LoopbackServer { _, index in
            index == 0 ? .json(200, #"{"id":"t-1","name":"made"}"#) : .json(200, #"{"name":"no id"}"#)
        }
        defer { server.stop() }
        let client = makeClient(server)
        let made = try await client.sendJSON("createThing", parameters: [:])
        #expect(made["id"] == .string("t-1"))
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.sendJSON("createThing", parameters: [:])
        })
        guard case let .invalidResponse(violations) = error.kind else {
            Issue.record("expected a validation failure, got \(error)")
            return
        }
        #expect(violations.map(\.description) == ["/: missing required property 'id'"])
    }
}
