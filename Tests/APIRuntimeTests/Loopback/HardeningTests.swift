import APIIdentity
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

    @Test func undeclaredSuccessStatusIsATypedErrorNamingIt() async throws {
        // createThing declares 201; what a 200 means, and so what its body holds, is unknown.
        let server = try LoopbackServer { _, _ in .json(200, #"{"id":"t-1","name":"made"}"#) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server).sendJSON("createThing", parameters: [:])
        })
        guard case .undeclaredStatus(200) = error.kind else {
            Issue.record("expected undeclaredStatus(200), got \(error)")
            return
        }
        #expect(error.description.contains("HTTP 200 is a success status the spec does not declare"), "\(error)")
    }
}
