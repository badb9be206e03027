import APIIdentity
import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Tokens from the sign-in kept in a token cache, renewed at a loopback token endpoint.
@Suite("Loopback: cached sign-in")
struct CachedTokenProviderTests {
    /// A cache in `directory` holding a sign-in at `server` whose access token expires in `lifetime`.
    static func signedIn(_ server: LoopbackServer, _ directory: TestDirectory, lifetime: TimeInterval) async throws -> (TokenCache, TokenCache.Key) {
        let cache = TokenCache(directory: directory.url.appendingPathComponent("partner-center"))
        let key = TokenCache.Key(authority: try IdentityAuthority(server.baseURL.absoluteString), tenant: "contoso", clientID: "app-1")
        try await cache.store(try TokenCache.SignIn(
            key: key, grant: TokenGrant(accessToken: "KEPT-ACCESS", lifetime: lifetime, refreshToken: "REFRESH-0"), at: Date()
        ))
        return (cache, key)
    }

    @Test func keptAccessTokenIsUsedWhileItIsGood() async throws {
        let server = try LoopbackServer { _, index in AuthTests.tokenResponse("access-\(index)") }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 3600)
        let provider = try CachedTokenProvider(cache: cache, key: key)
        #expect(try await provider.token(refresh: false) == "KEPT-ACCESS")
        #expect(server.requestCount == 0)
    }

    @Test func staleAccessTokenIsRenewedAndTheRotatedRefreshTokenKept() async throws {
        let server = try LoopbackServer { _, index in AuthTests.tokenResponse("access-\(index)", expiresIn: "60", refreshToken: "REFRESH-\(index + 1)") }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 60)
        #expect(try await CachedTokenProvider(cache: cache, key: key).token(refresh: false) == "access-0")
        let request = try #require(server.requests.first)
        #expect(request.path == "/contoso/oauth2/v2.0/token")
        #expect(AuthTests.form(request) == [
            "grant_type": "refresh_token", "client_id": "app-1", "refresh_token": "REFRESH-0",
            "scope": "https://api.partnercenter.microsoft.com/user_impersonation offline_access",
        ])
        // A new provider (the next program) renews with the rotated token: the stored access
        // token (60 s) is inside the 300 s margin.
        #expect(try await CachedTokenProvider(cache: cache, key: key).token(refresh: false) == "access-1")
        #expect(server.requests.map { AuthTests.form($0)["refresh_token"] } == ["REFRESH-0", "REFRESH-1"])
        #expect(try TestDirectory.mode(cache.path) == 0o600)
    }

    @Test func unauthorizedCallRenewsOnceThroughTheClient() async throws {
        let tokens = try LoopbackServer { _, index in AuthTests.tokenResponse("access-\(index)", refreshToken: "REFRESH-\(index + 1)") }
        defer { tokens.stop() }
        let api = try LoopbackServer { request, _ in
            request.header("Authorization") == "Bearer access-0" ? .ok(pageJSON(ids: ["1"])) : .json(401, "{}")
        }
        defer { api.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(tokens, directory, lifetime: 3600)
        _ = try await makeClient(api, tokenProvider: try CachedTokenProvider(cache: cache, key: key)).sendJSON("listThings", parameters: listParameters())
        #expect(api.requests.map { $0.header("Authorization") } == ["Bearer KEPT-ACCESS", "Bearer access-0"])
        #expect(tokens.requestCount == 1)
    }

    @Test func providersRenewingAtOnceTakeTurnsAndSpendEachRefreshTokenOnce() async throws {
        // Each refresh token works once, like a rotating identity platform's.
        let spent = SpentTokens()
        let server = try LoopbackServer { request, index in
            Thread.sleep(forTimeInterval: 0.05)
            guard let refresh = AuthTests.form(request)["refresh_token"], spent.spend(refresh) else {
                return .json(400, #"{"error":"invalid_grant"}"#)
            }
            return AuthTests.tokenResponse("access-\(index)", expiresIn: "0", refreshToken: "REFRESH-\(index + 1)")
        }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 0)
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await CachedTokenProvider(cache: cache, key: key).token(refresh: false) } }
            try await group.waitForAll()
        }
        #expect(server.requestCount == 4)
        #expect(server.requests.map { AuthTests.form($0)["refresh_token"] } == ["REFRESH-0", "REFRESH-1", "REFRESH-2", "REFRESH-3"])
    }

    @Test func refusedRefreshSaysToSignInAgainAndNamesNoSecret() async throws {
        let server = try LoopbackServer { request, _ in
            .json(400, #"{"error":"invalid_grant","error_description":"AADSTS70008: expired \#(String(decoding: request.body, as: UTF8.self)) REFRESH-0"}"#)
        }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 0)
        let provider = try CachedTokenProvider(cache: cache, key: key)
        let error = try #require(await #expect(throws: APIError.self) { _ = try await provider.token(refresh: false) })
        #expect(error.hint == "the stored sign-in no longer works: sign in again")
        for text in renderings(of: error) + [String(describing: provider)] {
            #expect(!text.contains("REFRESH-0") && !text.contains("KEPT-ACCESS"), "\(text)")
        }
    }

    @Test func dumpOfAProviderHoldingTokensShowsNone() async throws {
        let server = try LoopbackServer { _, _ in AuthTests.tokenResponse("FRESH-ACCESS-0123", expiresIn: "60", refreshToken: "FRESH-REFRESH-0123") }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 0)
        let cached = try CachedTokenProvider(cache: cache, key: key)
        let app = ClientCredentialsProvider(
            credentials: .init(tenantID: "t", clientID: "c", clientSecret: "APP-SECRET-0123"), tokenEndpoint: server.baseURL.appendingPathComponent("token")
        )
        let user = RefreshTokenProvider(
            credentials: .init(tenantID: "t", clientID: "c", clientSecret: "APP-SECRET-0123", refreshToken: "REFRESH-0"),
            tokenEndpoint: server.baseURL.appendingPathComponent("token")
        )
        let providers: [any TokenProvider] = [cached, app, user]
        for provider in providers {
            #expect(try await provider.token(refresh: false) == "FRESH-ACCESS-0123")
            var dumped = ""
            dump(provider, to: &dumped)
            for text in [dumped, String(describing: provider), String(reflecting: provider)] {
                for secret in ["FRESH-ACCESS-0123", "FRESH-REFRESH-0123", "REFRESH-0", "APP-SECRET-0123", "KEPT-ACCESS"] {
                    #expect(!text.contains(secret), "\(secret) in \(text)")
                }
            }
        }
    }

    @Test func signInRemovedMeanwhileIsATypedError() async throws {
        let server = try LoopbackServer { _, index in AuthTests.tokenResponse("access-\(index)") }
        defer { server.stop() }
        let directory = try TestDirectory()
        let (cache, key) = try await Self.signedIn(server, directory, lifetime: 0)
        let provider = try CachedTokenProvider(cache: cache, key: key)
        try await cache.remove(key)
        await #expect(throws: TokenCacheError.notSignedIn(key)) { _ = try await provider.token(refresh: false) }
    }

    /// Refresh tokens a test server has accepted once.
    final class SpentTokens: @unchecked Sendable {
        private let lock = NSLock()
        private var spent: Set<String> = []

        /// Whether `token` was not spent before; it is now.
        func spend(_ token: String) -> Bool { lock.withLock { spent.insert(token).inserted } }
    }
}
