import Foundation
import PartnerCenterStub
import Testing

/// Commands with the sign-in `login` kept: renewal with the rotated refresh token, the
/// cache's permissions and contents checked, concurrent renewals.
@Suite("Kept sign-in")
struct KeptSignInTests {
    /// A stub that accepts only the tokens it issued (`acceptedToken` is never sent) and
    /// issues access tokens that are stale at once, so every command renews.
    static func stub(delayMilliseconds: Int? = nil) throws -> StubFixture {
        try StubFixture(StubConfiguration(
            acceptedToken: "NEVER-SENT-" + UUID().uuidString, faults: delayMilliseconds.map { [.delay(milliseconds: $0)] } ?? [],
            signIn: SignInBehaviour(waits: [], accessTokenLifetime: 0)
        ))
    }

    /// Signs in to `stub` in `home`.
    static func logIn(_ stub: StubFixture, _ home: ConfigHome) async throws {
        let result = try await CLI.run(["login", "--client-id", "app-1"], environment: home.environment(authority: stub.url))
        try #require(result.status == 0, "\(result)")
    }

    /// One page of the demo reseller's customers with the kept sign-in.
    static func customers(_ stub: StubFixture, _ home: ConfigHome) async throws -> CLIResult {
        try await CLI.run(["customers", "--reseller", demoReseller, "--max-pages", "1", "--format", "json"], environment: home.environment(authority: stub.url, baseURL: stub.url))
    }

    /// The refresh tokens the stub's refresh-token grants received, in order.
    static func spentRefreshTokens(_ stub: StubFixture) -> [String] {
        stub.stub.tokenRequests.filter { $0.grantType == "refresh_token" && !$0.isForGraph }.compactMap { $0.form["refresh_token"] }
    }

    @Test func rotatedRefreshTokenIsKeptAndUsedByTheNextCommand() async throws {
        let stub = try Self.stub(), home = try ConfigHome()
        try await Self.logIn(stub, home)
        let fromLogin = try #require(try home.keptRefreshToken())

        let first = try await Self.customers(stub, home)
        #expect(first.status == 0, "\(first)")
        #expect(Self.spentRefreshTokens(stub) == [fromLogin])
        let rotated = try #require(try home.keptRefreshToken())
        #expect(rotated != fromLogin, "the rotated refresh token replaced the spent one")

        let second = try await Self.customers(stub, home)
        #expect(second.status == 0, "\(second)")
        #expect(Self.spentRefreshTokens(stub) == [fromLogin, rotated], "the next command renews with the rotated token")
        #expect(try ConfigHome.mode(of: home.cacheFile) == 0o600, "a rewrite keeps the mode")
        for secret in try home.keptTokens() + [fromLogin, rotated] {
            for output in [first.stdout, first.stderr, second.stdout, second.stderr] { #expect(!output.contains(secret)) }
        }
    }

    @Test func stillValidAccessTokenIsUsedWithoutRenewal() async throws {
        let stub = try StubFixture(StubConfiguration(acceptedToken: "NEVER-SENT", signIn: SignInBehaviour(waits: [])))
        let home = try ConfigHome()
        try await Self.logIn(stub, home)
        let result = try await Self.customers(stub, home)
        #expect(result.status == 0, "\(result)")
        #expect(Self.spentRefreshTokens(stub).isEmpty, "the kept access token is good for an hour")
    }

    /// Permissions that let other users at the cache.
    enum OpenPermissions: String, CaseIterable, Sendable {
        case worldReadableFile, groupWritableFile, worldReadableDirectory
    }

    @Test(arguments: OpenPermissions.allCases)
    func cacheOpenToOtherUsersIsRefused(permissions: OpenPermissions) async throws {
        let stub = try Self.stub(), home = try ConfigHome()
        try await Self.logIn(stub, home)
        let (path, mode, fix) =
            switch permissions {
            case .worldReadableFile: (home.cacheFile.path, 0o644, "chmod 600")
            case .groupWritableFile: (home.cacheFile.path, 0o620, "chmod 600")
            case .worldReadableDirectory: (home.cacheDirectory.path, 0o755, "chmod 700")
            }
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let result = try await Self.customers(stub, home)
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("refusing the token cache: \(path) has mode \(String(mode, radix: 8))"), "\(result)")
        #expect(result.stderr.contains("\(fix) \(path)"), "\(result)")
        #expect(Self.spentRefreshTokens(stub).isEmpty, "nothing was sent with a refused cache")
        for secret in try home.keptTokens() { #expect(!result.stderr.contains(secret)) }
    }

    static let corruptContents = [
        "{not json at all SECRET-IN-CORRUPT-FILE",
        #"{"version":1,"signIns":[{"key":{"tenant":"t"},"refreshToken":"SECRET-IN-CORRUPT-FILE"}]}"#,
        #"{"version":7,"signIns":[]}"#,
        #"["SECRET-IN-CORRUPT-FILE"]"#,
        "",
    ]

    @Test(arguments: corruptContents)
    func corruptCacheIsRefusedWithoutQuotingIt(contents: String) async throws {
        let home = try ConfigHome()
        try FileManager.default.createDirectory(at: home.cacheDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try #require(FileManager.default.createFile(atPath: home.cacheFile.path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: home.environment)
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("the token cache \(home.cacheFile.path) is corrupt"), "\(result)")
        #expect(result.stderr.contains("(partner-center logout --all, then partner-center login)"), "\(result)")
        #expect(!result.stderr.contains("SECRET-IN-CORRUPT-FILE"), "\(result)")
        #expect(!result.stderr.contains("demo data"), "a corrupt cache is not silently skipped")

        // `logout --all` clears it; then the demo works again.
        let logout = try await CLI.run(["logout", "--all"], environment: home.environment)
        #expect(logout.status == 0, "\(logout)")
        #expect(!FileManager.default.fileExists(atPath: home.cacheFile.path))
        let demo = try await CLI.run(["customers", "--reseller", demoReseller, "--max-pages", "1"], environment: home.environment)
        #expect(demo.status == 0, "\(demo)")
    }

    @Test func twoProcessesRenewingAtOnceLeaveAValidCache() async throws {
        // A slow token endpoint: without the lock the second process would read the cache
        // while the first waits for its answer, and spend the same (one-use) refresh token.
        let stub = try Self.stub(delayMilliseconds: 300), home = try ConfigHome()
        try await Self.logIn(stub, home)
        let arguments = ["customers", "--reseller", demoReseller, "--max-pages", "1", "--format", "json"]
        let environment = home.environment(authority: stub.url, baseURL: stub.url)
        let first = try await BackgroundProcess(arguments, environment: environment)
        let second = try await BackgroundProcess(arguments, environment: environment)
        let statuses = [await first.exitStatus(within: 20), await second.exitStatus(within: 20)]
        #expect(statuses == [0, 0], "\(first.stderr)\n\(second.stderr)")
        let refreshes = stub.stub.tokenRequests.filter { $0.grantType == "refresh_token" && !$0.isForGraph }
        #expect(refreshes.count == 2)
        #expect(refreshes.allSatisfy { $0.status == 200 }, "no process spent a refresh token the other had spent")
        #expect(Set(refreshes.compactMap { $0.form["refresh_token"] }).count == 2)
        #expect(try home.keptSignIns().count == 1, "the cache is whole JSON with one sign-in")
        let third = try await Self.customers(stub, home)
        #expect(third.status == 0, "the kept refresh token is the live one: \(third)")
    }

    @Test func logoutRemovesTheSignIn() async throws {
        let stub = try Self.stub(), home = try ConfigHome()
        try await Self.logIn(stub, home)
        let result = try await CLI.run(["logout"], environment: home.environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("signed out demo.admin@contoso.onmicrosoft.com"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: home.cacheFile.path), "no token is left on disk")
        let status = try await CLI.run(["login", "--status"], environment: home.environment)
        #expect(status.status == 77, "\(status)")
        #expect(status.stdout.contains("credentials in use: none"), "\(status)")
    }
}
