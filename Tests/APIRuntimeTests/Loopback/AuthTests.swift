import APIIdentity
import APIRuntime
import Foundation
import LocalHTTPServer
import Testing

/// Bearer tokens: one refresh on 401, and the OAuth 2 refresh-token grant against a loopback endpoint.
@Suite("Loopback: auth")
struct AuthTests {
    @Test func unauthorizedRefreshesTheTokenOnceThenSucceeds() async throws {
        let server = try LoopbackServer { request, _ in
            request.header("Authorization") == "Bearer token-2" ? .ok(pageJSON(ids: ["1"])) : .json(401, #"{"code":"Unauthorized"}"#)
        }
        defer { server.stop() }
        let provider = CountingTokenProvider()
        _ = try await makeClient(server, tokenProvider: provider).sendJSON("listThings", parameters: listParameters())
        #expect(provider.refreshFlags == [false, true])
        #expect(server.requests.map { $0.header("Authorization") } == ["Bearer token-1", "Bearer token-2"])
        #expect(Set(server.requests.map { $0.header("MS-RequestId") }).count == 1, "the retry after a refresh is the same call")
    }

    @Test func secondUnauthorizedIsTheError() async throws {
        let server = try LoopbackServer { _, _ in .json(401, #"{"code":"Unauthorized","description":"token expired"}"#) }
        defer { server.stop() }
        let provider = CountingTokenProvider()
        let error = try #require(await #expect(throws: APIError.self) {
            try await makeClient(server, tokenProvider: provider).sendJSON("listThings", parameters: listParameters())
        })
        #expect(error.kind.statusBody?.status == 401)
        #expect(error.kind.statusBody?.body?.errorDescription == "token expired")
        #expect(provider.refreshFlags == [false, true])
        #expect(server.requestCount == 2)
    }

    // MARK: Refresh-token grant

    static let clientSecret = "CLIENT-SECRET-789"
    static let refreshToken = "REFRESH-TOKEN-456"
    static let credentials = RefreshTokenProvider.Credentials(
        tenantID: "contoso.onmicrosoft.com", clientID: "client-1", clientSecret: clientSecret, refreshToken: refreshToken
    )

    /// The form fields of a token request.
    static func form(_ request: HTTPServerRequest) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    static func tokenResponse(_ token: String, expiresIn: String = "3600", refreshToken: String? = nil) -> HTTPServerResponse {
        let rotated = refreshToken.map { #","refresh_token":"\#($0)""# } ?? ""
        return .ok(#"{"token_type":"Bearer","access_token":"\#(token)","expires_in":\#(expiresIn)\#(rotated)}"#)
    }

    static func provider(_ server: LoopbackServer, now: @escaping @Sendable () -> Date = { Date() }) -> RefreshTokenProvider {
        RefreshTokenProvider(
            credentials: credentials, tokenEndpoint: server.baseURL.appendingPathComponent("contoso.onmicrosoft.com/oauth2/token"), now: now
        )
    }

    @Test func refreshTokenGrantPostsTheFormAndCachesTheToken() async throws {
        let server = try LoopbackServer { _, index in Self.tokenResponse("access-\(index)") }
        defer { server.stop() }
        let provider = Self.provider(server)
        #expect(try await provider.token(refresh: false) == "access-0")
        #expect(try await provider.token(refresh: false) == "access-0")
        #expect(server.requestCount == 1, "the cached token is used until it expires")

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/contoso.onmicrosoft.com/oauth2/token")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(Self.form(request) == [
            "grant_type": "refresh_token",
            "client_id": "client-1",
            "client_secret": Self.clientSecret,
            "refresh_token": Self.refreshToken,
            "resource": "https://api.partnercenter.microsoft.com",
        ])
        // Refreshing on demand asks again.
        #expect(try await provider.token(refresh: true) == "access-1")
        #expect(server.requestCount == 2)
    }

    @Test func cachedTokenIsRenewedShortlyBeforeExpiry() async throws {
        let server = try LoopbackServer { _, index in Self.tokenResponse("access-\(index)", expiresIn: "3600") }
        defer { server.stop() }
        let clock = ManualClock()
        let provider = Self.provider(server, now: clock.now)
        #expect(try await provider.token(refresh: false) == "access-0")
        clock.advance(by: 3600 - 300 - 10)
        #expect(try await provider.token(refresh: false) == "access-0")
        clock.advance(by: 20)
        #expect(try await provider.token(refresh: false) == "access-1", "renewed within the 300 s margin")
        #expect(server.requestCount == 2)
    }

    @Test(arguments: ["3600", #""3600""#])
    func expiresInAsNumberOrString(expiresIn: String) async throws {
        let server = try LoopbackServer { _, index in Self.tokenResponse("access-\(index)", expiresIn: expiresIn) }
        defer { server.stop() }
        let clock = ManualClock()
        let provider = Self.provider(server, now: clock.now)
        _ = try await provider.token(refresh: false)
        clock.advance(by: 3000)
        #expect(try await provider.token(refresh: false) == "access-0")
        clock.advance(by: 400)
        #expect(try await provider.token(refresh: false) == "access-1")
    }

    @Test func concurrentCallersShareOneTokenRequest() async throws {
        let server = try LoopbackServer { _, index in
            Thread.sleep(forTimeInterval: 0.2)
            return Self.tokenResponse("access-\(index)")
        }
        defer { server.stop() }
        let provider = Self.provider(server)
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<10 { group.addTask { try await provider.token(refresh: false) } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(tokens == Array(repeating: "access-0", count: 10))
        #expect(server.requestCount == 1)
    }

    @Test func concurrentCallsThroughTheClientShareOneTokenRequest() async throws {
        let tokenServer = try LoopbackServer { _, index in
            Thread.sleep(forTimeInterval: 0.2)
            return Self.tokenResponse("access-\(index)")
        }
        defer { tokenServer.stop() }
        let api = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { api.stop() }
        let client = makeClient(api, tokenProvider: Self.provider(tokenServer))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { _ = try await client.sendJSON("listThings", parameters: listParameters()) } }
            try await group.waitForAll()
        }
        #expect(tokenServer.requestCount == 1)
        #expect(api.requests.map { $0.header("Authorization") } == Array(repeating: "Bearer access-0", count: 10))
    }

    @Test func concurrentUnauthorizedCallsRenewTheTokenOnce() async throws {
        let tokenServer = try LoopbackServer { _, index in
            Thread.sleep(forTimeInterval: 0.1)
            return Self.tokenResponse("access-\(index)")
        }
        defer { tokenServer.stop() }
        // The first token is refused (say, revoked); the renewed one is good.
        let api = try LoopbackServer { request, _ in
            request.header("Authorization") == "Bearer access-0" ? .json(401, "{}") : .ok(pageJSON(ids: ["1"]))
        }
        defer { api.stop() }
        let client = makeClient(api, tokenProvider: Self.provider(tokenServer))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 { group.addTask { _ = try await client.sendJSON("listThings", parameters: listParameters()) } }
            try await group.waitForAll()
        }
        #expect(tokenServer.requestCount == 2, "one grant for the first token, one renewal for all eight 401s")
        #expect(api.requests.filter { $0.header("Authorization") == "Bearer access-1" }.count == 8)
    }

    @Test func rotatedRefreshTokenIsUsedNextTime() async throws {
        let server = try LoopbackServer { _, index in Self.tokenResponse("access-\(index)", refreshToken: "ROTATED-\(index)") }
        defer { server.stop() }
        let provider = Self.provider(server)
        _ = try await provider.token(refresh: false)
        _ = try await provider.token(refresh: true)
        _ = try await provider.token(refresh: true)
        #expect(server.requests.map { Self.form($0)["refresh_token"] } == [Self.refreshToken, "ROTATED-0", "ROTATED-1"])
    }

    @Test func unauthorizedThroughTheClientRefreshesWithTheGrant() async throws {
        let tokenServer = try LoopbackServer { _, index in Self.tokenResponse("access-\(index)") }
        defer { tokenServer.stop() }
        let api = try LoopbackServer { request, _ in
            request.header("Authorization") == "Bearer access-1" ? .ok(pageJSON(ids: ["1"])) : .json(401, "{}")
        }
        defer { api.stop() }
        _ = try await makeClient(api, tokenProvider: Self.provider(tokenServer)).sendJSON("listThings", parameters: listParameters())
        #expect(tokenServer.requestCount == 2)
        #expect(api.requests.map { $0.header("Authorization") } == ["Bearer access-0", "Bearer access-1"])
    }

    /// Error bodies that echo the secrets, with and without a `name=` marker before them.
    static let echoingBodies = [
        #"{"error":"invalid_grant","error_description":"AADSTS70000: bad request client_secret=\#(clientSecret)&refresh_token=\#(refreshToken)"}"#,
        #"{"error":"invalid_client","error_description":"secret \#(clientSecret) and token \#(refreshToken) were rejected"}"#,
        #"{"code":"invalid_grant","description":"secret \#(clientSecret) rejected","data":["\#(refreshToken)"]}"#,
        "grant_type=refresh_token&refresh_token=\(refreshToken)&client_secret=\(clientSecret)",
    ]

    @Test(arguments: echoingBodies)
    func failedTokenRequestNamesNoSecret(body: String) async throws {
        let server = try LoopbackServer { _, _ in .json(400, body) }
        defer { server.stop() }
        let provider = Self.provider(server)
        let error = try #require(await #expect(throws: APIError.self) { _ = try await provider.token(refresh: false) })
        #expect(error.kind.tokenRefusal?.status == 400)
        #expect(error.status == 400)
        for text in renderings(of: error) {
            #expect(!text.contains(Self.clientSecret), "\(text)")
            #expect(!text.contains(Self.refreshToken), "\(text)")
        }

        // Through the client, the same error reaches the caller, still without secrets.
        let api = try LoopbackServer { _, _ in .ok(pageJSON(ids: ["1"])) }
        defer { api.stop() }
        let clientError = try #require(await #expect(throws: APIError.self) {
            try await makeClient(api, tokenProvider: provider).sendJSON("listThings", parameters: listParameters())
        })
        #expect(clientError.kind.tokenRefusal?.status == 400)
        #expect(clientError.operationID == "token")
        #expect(api.requestCount == 0)
        for text in renderings(of: clientError) {
            #expect(!text.contains(Self.clientSecret), "\(text)")
            #expect(!text.contains(Self.refreshToken), "\(text)")
        }
    }

    @Test func unreachableTokenEndpointIsATransportError() async throws {
        let server = try LoopbackServer.refusingConnections()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await Self.provider(server).token(refresh: false) })
        #expect(error.kind.name == "transport")
        #expect(!String(describing: error).contains(Self.clientSecret))
    }
}

/// A settable `now` for the token cache.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_700_000_000)

    var now: @Sendable () -> Date {
        { [self] in lock.withLock { current } }
    }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}
