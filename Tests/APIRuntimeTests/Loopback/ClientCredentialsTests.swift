import APIIdentity
import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// App-only tokens: the client-credentials grant, and the hint on a refusal.
@Suite("Loopback: client credentials")
struct ClientCredentialsTests {
    static let secret = "APP-SECRET-0123456789"

    static func provider(_ server: LoopbackServer) throws -> ClientCredentialsProvider {
        ClientCredentialsProvider(
            credentials: .init(tenantID: "contoso.onmicrosoft.com", clientID: "app-1", clientSecret: secret),
            authority: try IdentityAuthority(server.baseURL.absoluteString)
        )
    }

    @Test func grantPostsTheFormToTheTenantsV2Endpoint() async throws {
        let server = try LoopbackServer { _, index in AuthTests.tokenResponse("app-\(index)") }
        defer { server.stop() }
        let provider = try Self.provider(server)
        #expect(try await provider.token(refresh: false) == "app-0")
        #expect(try await provider.token(refresh: false) == "app-0", "kept until shortly before it expires")
        #expect(try await provider.token(refresh: true) == "app-1")
        let request = try #require(server.requests.first)
        #expect(request.path == "/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(AuthTests.form(request) == [
            "grant_type": "client_credentials", "client_id": "app-1", "client_secret": Self.secret,
            "scope": "https://api.partnercenter.microsoft.com/.default",
        ])
        #expect(provider.isAppOnly)
        #expect(!String(describing: provider).contains(Self.secret))
    }

    @Test(arguments: [401, 403])
    func refusedAppOnlyTokenCarriesTheAppUserHint(status: Int) async throws {
        let tokens = try LoopbackServer { _, index in AuthTests.tokenResponse("app-\(index)") }
        defer { tokens.stop() }
        let api = try LoopbackServer { _, _ in .json(status, #"{"code":"Forbidden","description":"denied"}"#) }
        defer { api.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(api, tokenProvider: try Self.provider(tokens)).sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.statusBody?.status == status)
        #expect(error.hint?.contains("may need App+User credentials") == true)
        #expect(error.description.hasSuffix("; the token is app-only (client credentials), and this operation may need App+User credentials (a signed-in user)"))
    }

    @Test func userTokenGetsNoAppOnlyHint() async throws {
        let api = try LoopbackServer { _, _ in .json(403, #"{"code":"Forbidden"}"#) }
        defer { api.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(api).sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.hint == nil)
    }

    @Test func echoedSecretAppearsInNoError() async throws {
        let server = try LoopbackServer { request, _ in
            let form = String(decoding: request.body, as: UTF8.self)
            return .json(401, #"{"error":"invalid_client","error_description":"AADSTS7000215: bad \#(form) \#(Self.secret)"}"#)
        }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { _ = try await Self.provider(server).token(refresh: false) })
        #expect(error.kind.tokenRefusal?.body?.code == "invalid_client")
        for text in renderings(of: error) { #expect(!text.contains(Self.secret), "\(text)") }
    }
}
