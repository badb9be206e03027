import Foundation
import PartnerCenterStub
import Testing

/// The order of the credential sources: `PARTNER_CENTER_TOKEN`, then app-only or App+User
/// variables, then the kept sign-in, then demo mode; `login --status` names the one in use.
@Suite("Credential order")
struct CredentialOrderTests {
    static let appUser = [
        "PARTNER_CENTER_TENANT_ID": "contoso.onmicrosoft.com", "PARTNER_CENTER_CLIENT_ID": "app-1",
        "PARTNER_CENTER_CLIENT_SECRET": "CLIENT-SECRET-abcdef123456", "PARTNER_CENTER_REFRESH_TOKEN": "ENV-REFRESH-abcdef123456",
    ]

    /// A config home where `login` kept a sign-in to `stub`, for the tenant and client of `appUser`.
    static func signedIn(_ stub: StubFixture) async throws -> ConfigHome {
        let home = try ConfigHome()
        let result = try await CLI.run(["login", "--client-id", "app-1", "--tenant", "contoso.onmicrosoft.com"], environment: home.environment(authority: stub.url))
        try #require(result.status == 0, "\(result)")
        return home
    }

    /// Which sources are set, and the line `login --status` must print.
    enum Case: String, CaseIterable, Sendable {
        case tokenBeatsEverything, appUserBeatsTheCache, appOnlyBeatsTheCache, cache, none

        func environment(_ home: ConfigHome, stub: StubFixture) -> [String: String] {
            var environment = home.environment(authority: stub.url)
            switch self {
            case .tokenBeatsEverything: environment.merge(CredentialOrderTests.appUser) { $1 }
                environment["PARTNER_CENTER_TOKEN"] = testToken
            case .appUserBeatsTheCache: environment.merge(CredentialOrderTests.appUser) { $1 }
            case .appOnlyBeatsTheCache: environment.merge(CredentialOrderTests.appUser) { $1 }
                environment["PARTNER_CENTER_REFRESH_TOKEN"] = nil
                environment["PARTNER_CENTER_AUTH"] = "app"
            case .cache, .none: break
            }
            return environment
        }

        var expectedLine: String {
            switch self {
            case .tokenBeatsEverything: "credentials in use: PARTNER_CENTER_TOKEN"
            case .appUserBeatsTheCache: "credentials in use: App+User variables (PARTNER_CENTER_REFRESH_TOKEN for client app-1 in tenant contoso.onmicrosoft.com)"
            case .appOnlyBeatsTheCache: "credentials in use: app-only credentials (PARTNER_CENTER_AUTH=app: client app-1 in tenant contoso.onmicrosoft.com)"
            case .cache: "credentials in use: the sign-in kept in "
            case .none: "credentials in use: none"
            }
        }
    }

    @Test(arguments: Case.allCases)
    func statusNamesTheSourceInUse(source: Case) async throws {
        let stub = try StubFixture()
        let home = source == .none ? try ConfigHome() : try await Self.signedIn(stub)
        let result = try await CLI.run(["login", "--status"], environment: source.environment(home, stub: stub))
        #expect(result.status == (source == .none ? 77 : 0), "\(result)")
        #expect(result.stdout.contains(source.expectedLine), "\(result)")
        if source != .cache && source != .none {
            #expect(result.stdout.contains("a sign-in is kept too, but is not in use"), "\(result)")
        }
        let secrets = [Self.appUser["PARTNER_CENTER_CLIENT_SECRET"], Self.appUser["PARTNER_CENTER_REFRESH_TOKEN"], testToken].compactMap(\.self)
        for secret in secrets + ((try? home.keptTokens()) ?? []) {
            #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(result)")
        }
    }

    @Test func statusWithOtherCredentialsReportsARefusedCacheWithoutFailing() async throws {
        let stub = try StubFixture()
        let home = try await Self.signedIn(stub)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: home.cacheFile.path)
        var environment = home.environment
        environment["PARTNER_CENTER_TOKEN"] = testToken
        let result = try await CLI.run(["login", "--status"], environment: environment)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("credentials in use: PARTNER_CENTER_TOKEN"), "\(result)")
        #expect(result.stdout.contains("token cache (not in use): refusing the token cache: \(home.cacheFile.path) has mode 644"), "\(result)")
    }

    @Test func appUserVariablesAreUsedBeforeAGoodKeptSignIn() async throws {
        let stub = try StubFixture()
        let home = try await Self.signedIn(stub)
        var environment = home.environment(authority: stub.url, baseURL: stub.url)
        environment.merge(Self.appUser) { $1 }
        environment["PARTNER_CENTER_TOKEN_ENDPOINT"] = stub.baseURL + "/contoso.onmicrosoft.com/oauth2/v2.0/token"
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--max-pages", "1"], environment: environment)
        // The stub never issued the environment's refresh token: the grant is refused, and the
        // kept sign-in is not tried instead.
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("code invalid_grant"), "\(result)")
        let refreshes = stub.stub.tokenRequests.filter { $0.grantType == "refresh_token" && !$0.isForGraph }
        #expect(refreshes.map { $0.form["refresh_token"] } == ["ENV-REFRESH-abcdef123456"])
        #expect(!result.stderr.contains("ENV-REFRESH-abcdef123456") && !result.stderr.contains("CLIENT-SECRET-abcdef123456"), "\(result)")
    }

    @Test func tenantWithoutAMatchingSignInNamesTheMissingVariablesAndLogin() async throws {
        let stub = try StubFixture()
        let home = try await Self.signedIn(stub)
        var environment = home.environment
        environment["PARTNER_CENTER_TENANT_ID"] = "fabrikam.onmicrosoft.com"
        environment["PARTNER_CENTER_CLIENT_ID"] = "another-app"
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: environment)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("also set PARTNER_CENTER_CLIENT_SECRET, PARTNER_CENTER_REFRESH_TOKEN, or sign in with partner-center login"), "\(result)")
    }

    @Test func helpDocumentsTheOrder() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0, "\(result)")
        for text in ["1. PARTNER_CENTER_TOKEN", "PARTNER_CENTER_AUTH=app", "3. the sign-in kept by `partner-center login`", "4. none", "login --status"] {
            #expect(result.stdout.contains(text), "--help lacks '\(text)'")
        }
    }
}
