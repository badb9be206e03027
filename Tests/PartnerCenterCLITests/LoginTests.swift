import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PartnerCenterStub
import Testing

/// `partner-center login` against the stub's identity endpoints over 127.0.0.1: the device
/// code, the polls as the stub answers them, and the kept sign-in.
@Suite("Sign-in")
struct LoginTests {
    /// `login` with `behaviour`, in a fresh config home.
    static func logIn(_ behaviour: SignInBehaviour) async throws -> (CLIResult, StubFixture, ConfigHome) {
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, signIn: behaviour))
        let home = try ConfigHome()
        let result = try await CLI.run(["login", "--client-id", "app-1", "--tenant", "contoso.onmicrosoft.com"], environment: home.environment(authority: stub.url))
        return (result, stub, home)
    }

    /// The device codes the CLI polled with.
    static func deviceCodes(_ stub: StubFixture) -> Set<String> {
        Set(stub.stub.tokenRequests.compactMap { $0.form["device_code"] })
    }

    @Test(arguments: [[], [SignInBehaviour.Wait.pending, .pending]])
    func signsInAfterThePendingPollsAndKeepsTheSignIn(waits: [SignInBehaviour.Wait]) async throws {
        let (result, stub, home) = try await Self.logIn(SignInBehaviour(waits: waits))
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty, "login prints on standard error only")
        #expect(result.stderr.contains("to sign in, open http://127.0.0.1:\(stub.stub.baseURL.port ?? 0)/devicelogin and enter the code "), "\(result)")
        #expect(result.stderr.contains("signed in as demo.admin@contoso.onmicrosoft.com"), "\(result)")
        let polls = stub.stub.tokenRequests.filter { $0.grantType == "urn:ietf:params:oauth:grant-type:device_code" }
        #expect(polls.count == waits.count + 1, "one poll per pending answer, then the one that succeeds")
        #expect(polls.allSatisfy { $0.form["client_id"] == "app-1" })
        #expect(try ConfigHome.mode(of: home.cacheFile) == 0o600)
        #expect(try ConfigHome.mode(of: home.cacheDirectory) == 0o700)
        let signIn = try #require(try home.keptSignIns().first)
        #expect((signIn["key"] as? [String: String])?["tenant"] == "contoso.onmicrosoft.com")
        #expect(try home.keptRefreshToken()?.hasPrefix("stub-refresh-") == true)

        let status = try await CLI.run(["login", "--status"], environment: home.environment(authority: stub.url))
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("credentials in use: the sign-in kept in \(home.cacheFile.path)"), "\(status)")
        #expect(status.stdout.contains("signed in as: demo.admin@contoso.onmicrosoft.com (Demo Admin)"), "\(status)")
        #expect(status.stdout.contains("client id: app-1"), "\(status)")
        #expect(status.stdout.contains("access token: valid until "), "\(status)")
        for secret in try home.keptTokens() + Self.deviceCodes(stub) {
            for output in [result.stdout, result.stderr, status.stdout, status.stderr] { #expect(!output.contains(secret)) }
        }
    }

    @Test func slowDownAddsFiveSecondsToTheInterval() async throws {
        let (result, stub, _) = try await Self.logIn(SignInBehaviour(waits: [.slowDown, .pending]))
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("asks to be polled less often: every 6 s"), "interval 1 s + 5 s: \(result)")
        #expect(stub.stub.tokenRequests.filter { !$0.isForGraph }.count == 3)
    }

    @Test(arguments: [(SignInBehaviour.Outcome.expired, "the sign-in code expired"), (.declined, "the sign-in was declined")])
    func failedSignInExits77AndKeepsNothing(outcome: SignInBehaviour.Outcome, message: String) async throws {
        let (result, stub, home) = try await Self.logIn(SignInBehaviour(waits: [.pending], outcome: outcome))
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("partner-center: error: \(message)"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.cacheFile.path))
        for code in Self.deviceCodes(stub) { #expect(!result.stderr.contains(code)) }
    }

    @Test func refusedCacheIsReportedBeforeTheUserSignsIn() async throws {
        let stub = try StubFixture()
        let home = try ConfigHome()
        try FileManager.default.createDirectory(at: home.cacheDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let result = try await CLI.run(["login", "--client-id", "app-1"], environment: home.environment(authority: stub.url))
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("chmod 700 \(home.cacheDirectory.path)"), "\(result)")
        #expect(!result.stderr.contains("enter the code"), "no code is asked for: \(result)")
    }

    @Test func loginWithoutAClientIDIsAUsageError() async throws {
        let home = try ConfigHome()
        let result = try await CLI.run(["login"], environment: home.environment)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--client-id or PARTNER_CENTER_CLIENT_ID"), "\(result)")
    }

    @Test func plainHTTPAuthorityOffTheLoopbackIsRefused() async throws {
        let home = try ConfigHome()
        let result = try await CLI.run(["login", "--client-id", "app-1", "--authority", "http://login.example.com"], environment: home.environment)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("is not an https URL"), "\(result)")
    }

    @Test func interruptStopsWaitingAndKeepsNothing() async throws {
        // The stub never approves within the test: pending for ever (well, 10,000 polls).
        let stub = try StubFixture(StubConfiguration(signIn: SignInBehaviour(waits: Array(repeating: .pending, count: 10_000))))
        let home = try ConfigHome()
        var environment = home.environment(authority: stub.url)
        environment["PARTNER_CENTER_LOGIN_POLL_SCALE"] = "1"
        let process = try await BackgroundProcess(["login", "--client-id", "app-1"], environment: environment)
        let deadline = Date().addingTimeInterval(10)
        while !process.stderr.contains("enter the code"), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        kill(process.pid, SIGINT)
        let status = await process.exitStatus(within: 10)
        #expect(status == 130, "\(process.stderr)")
        #expect(process.stderr.contains("sign-in cancelled; nothing was kept"), "\(process.stderr)")
        #expect(!FileManager.default.fileExists(atPath: home.cacheFile.path))
    }
}
