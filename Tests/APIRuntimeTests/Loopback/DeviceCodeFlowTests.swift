import APIIdentity
import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport

/// The device authorization grant (RFC 8628) against a loopback identity endpoint, with the
/// waits recorded instead of slept.
@Suite("Loopback: device-code sign-in")
struct DeviceCodeFlowTests {
    static let deviceCode = "DEVICE-CODE-abcdef0123456789"

    static func authorization(interval: String = "1", expiresIn: String = "900") -> HTTPServerResponse {
        .ok(#"{"device_code":"\#(deviceCode)","user_code":"ABCD-EFGH","verification_uri":"https://microsoft.com/devicelogin","expires_in":\#(expiresIn),"interval":\#(interval)}"#)
    }

    static func oauthError(_ code: String) -> HTTPServerResponse {
        .json(400, #"{"error":"\#(code)","error_description":"AADSTS: \#(code)"}"#)
    }

    /// A server that hands out a device code (its first request), then answers the polls
    /// with `answers` in order, and tokens after the last.
    static func server(_ answers: [String], authorization: HTTPServerResponse = authorization()) throws -> LoopbackServer {
        try LoopbackServer { request, index in
            if request.path.hasSuffix("/devicecode") { return authorization }
            let poll = index - 1
            return poll < answers.count ? oauthError(answers[poll]) : AuthTests.tokenResponse("access-token", refreshToken: "refresh-token")
        }
    }

    static func flow(_ server: LoopbackServer, sleep: SleepRecorder, now: @escaping @Sendable () -> Date = { Date() }) throws -> DeviceCodeFlow {
        DeviceCodeFlow(
            authority: try IdentityAuthority(server.baseURL.absoluteString), tenant: "contoso.onmicrosoft.com", clientID: "app-1",
            sleep: sleep.sleep, now: now
        )
    }

    @Test func requestsACodeThenPollsUntilTheTokensCome() async throws {
        let server = try Self.server(["authorization_pending", "authorization_pending"])
        defer { server.stop() }
        let sleep = SleepRecorder()
        let flow = try Self.flow(server, sleep: sleep)
        let authorization = try await flow.start()
        #expect(authorization.userCode == "ABCD-EFGH")
        #expect(authorization.verificationURI == "https://microsoft.com/devicelogin")
        #expect(authorization.interval == .seconds(1))
        let grant = try await flow.poll(authorization)
        #expect(grant.accessToken == "access-token")
        #expect(grant.refreshToken == "refresh-token")
        #expect(sleep.durations == [.seconds(1), .seconds(1), .seconds(1)], "one wait of the interval before each poll")

        let requests = server.requests
        #expect(requests.map(\.path) == ["/contoso.onmicrosoft.com/oauth2/v2.0/devicecode"] + Array(repeating: "/contoso.onmicrosoft.com/oauth2/v2.0/token", count: 3))
        #expect(AuthTests.form(requests[0]) == ["client_id": "app-1", "scope": "https://api.partnercenter.microsoft.com/user_impersonation offline_access"])
        #expect(AuthTests.form(requests[1]) == [
            "grant_type": "urn:ietf:params:oauth:grant-type:device_code", "client_id": "app-1", "device_code": Self.deviceCode,
        ])
    }

    @Test func slowDownAddsFiveSecondsToEveryLaterWait() async throws {
        let server = try Self.server(["slow_down", "authorization_pending", "slow_down"])
        defer { server.stop() }
        let sleep = SleepRecorder()
        let flow = try Self.flow(server, sleep: sleep)
        _ = try await flow.poll(try await flow.start())
        #expect(sleep.durations == [.seconds(1), .seconds(6), .seconds(6), .seconds(11)])
    }

    @Test func intervalDefaultsToFiveSeconds() async throws {
        let server = try Self.server([], authorization: .ok(#"{"device_code":"d","user_code":"U","verification_uri":"https://example.com/device","expires_in":"900"}"#))
        defer { server.stop() }
        let sleep = SleepRecorder()
        let flow = try Self.flow(server, sleep: sleep)
        _ = try await flow.poll(try await flow.start())
        #expect(sleep.durations == [.seconds(5)])
    }

    @Test(arguments: [("expired_token", SignInError.expired), ("authorization_declined", .declined), ("access_denied", .declined)])
    func endOfTheSignInIsATypedError(answer: String, expected: SignInError) async throws {
        let server = try Self.server(["authorization_pending", answer])
        defer { server.stop() }
        let flow = try Self.flow(server, sleep: SleepRecorder())
        let authorization = try await flow.start()
        let error = try #require(await #expect(throws: SignInError.self) { _ = try await flow.poll(authorization) })
        #expect(error == expected)
    }

    @Test func codePastItsLifetimeExpiresWithoutAnotherPoll() async throws {
        let server = try Self.server(Array(repeating: "authorization_pending", count: 100), authorization: Self.authorization(interval: "5", expiresIn: "12"))
        defer { server.stop() }
        let clock = ManualClock()
        let sleep = SleepRecorder()
        // Each wait moves the clock by its length.
        let flow = DeviceCodeFlow(
            authority: try IdentityAuthority(server.baseURL.absoluteString), tenant: "t", clientID: "app-1",
            sleep: { duration in
                try await sleep.sleep(duration)
                clock.advance(by: duration.seconds)
            }, now: clock.now
        )
        let authorization = try await flow.start()
        await #expect(throws: SignInError.expired) { _ = try await flow.poll(authorization) }
        #expect(server.requestCount == 3, "polls at 5 s and 10 s; at 15 s the 12 s code has expired")
    }

    @Test func otherRefusalsAreTheEndpointsError() async throws {
        let server = try Self.server(["invalid_client"])
        defer { server.stop() }
        let flow = try Self.flow(server, sleep: SleepRecorder())
        let authorization = try await flow.start()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await flow.poll(authorization) })
        #expect(error.kind.tokenRefusal?.body?.code == "invalid_client")
    }

    @Test func cancellingTheTaskStopsThePolling() async throws {
        let server = try Self.server(Array(repeating: "authorization_pending", count: 10_000))
        defer { server.stop() }
        let flow = DeviceCodeFlow(authority: try IdentityAuthority(server.baseURL.absoluteString), tenant: "t", clientID: "app-1")
        let authorization = try await flow.start()
        let task = Task { try await flow.poll(authorization) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await task.value })
        #expect(error.kind.name == "cancelled")
        #expect(server.requestCount <= 2, "the 1 s wait was cut short")
    }

    static let malformedAuthorizations = [
        #"{"user_code":"U","verification_uri":"https://example.com","expires_in":900}"#,
        #"{"device_code":"d","user_code":"U\u001b[2J","verification_uri":"https://example.com","expires_in":900}"#,
        #"{"device_code":"d","user_code":"U","verification_uri":"javascript:alert(1)","expires_in":900}"#,
        #"{"device_code":"d","user_code":"U","verification_uri":"https://example.com"}"#,
        #"{"device_code":"d","user_code":"U","verification_uri":"https://example.com","expires_in":900,"interval":"soon"}"#,
        #"{"device_code":"d","user_code":"U","verification_uri":"https://example.com","expires_in":-5}"#,
    ]

    @Test(arguments: malformedAuthorizations)
    func malformedAuthorizationIsATypedError(body: String) async throws {
        let server = try Self.server([], authorization: .ok(body))
        defer { server.stop() }
        let error = try #require(await #expect(throws: SignInError.self) { _ = try await Self.flow(server, sleep: SleepRecorder()).start() })
        guard case .malformedAuthorization = error else {
            Issue.record("expected malformedAuthorization, got \(error)")
            return
        }
    }

    @Test(arguments: ["[1,2]", "<html>oops</html>", ""])
    func deviceCodeEndpointAnswerThatIsNoObjectIsARefusal(body: String) async throws {
        let server = try Self.server([], authorization: .raw(200, contentType: "application/json", Data(body.utf8)))
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { _ = try await Self.flow(server, sleep: SleepRecorder()).start() })
        #expect(error.kind.tokenRefusal?.status == 200)
    }

    @Test func echoedDeviceCodeAppearsInNoErrorOrDescription() async throws {
        let server = try LoopbackServer { request, _ in
            if request.path.hasSuffix("/devicecode") { return Self.authorization() }
            let form = String(decoding: request.body, as: UTF8.self)
            return .json(400, #"{"error":"invalid_grant","error_description":"bad \#(form) \#(Self.deviceCode)","data":["\#(Self.deviceCode)"]}"#)
        }
        defer { server.stop() }
        let flow = try Self.flow(server, sleep: SleepRecorder())
        let authorization = try await flow.start()
        let error = try #require(await #expect(throws: APIError.self) { _ = try await flow.poll(authorization) })
        var dumped = ""
        dump(authorization, to: &dumped)
        for text in renderings(of: error) + [String(describing: authorization), String(reflecting: authorization), dumped] {
            #expect(!text.contains(Self.deviceCode), "\(text)")
        }
    }
}
