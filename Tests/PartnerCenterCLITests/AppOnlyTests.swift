import Foundation
import PartnerCenterStub
import Testing

/// App-only credentials: `PARTNER_CENTER_AUTH=app` runs the client-credentials grant.
@Suite("App-only credentials")
struct AppOnlyTests {
    static let secret = "APP-SECRET-abcdef123456"

    static func environment(authority: StubFixture, baseURL: StubFixture) -> [String: String] {
        [
            "PARTNER_CENTER_AUTH": "app", "PARTNER_CENTER_TENANT_ID": "contoso.onmicrosoft.com", "PARTNER_CENTER_CLIENT_ID": "app-1",
            "PARTNER_CENTER_CLIENT_SECRET": secret, "PARTNER_CENTER_AUTHORITY": authority.baseURL, "PARTNER_CENTER_BASE_URL": baseURL.baseURL,
        ]
    }

    @Test func clientCredentialsGrantIssuesTheToken() async throws {
        // The stub accepts only the token its own endpoint issued.
        let stub = try StubFixture(StubConfiguration(acceptedToken: "NEVER-SENT"))
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--max-pages", "1", "--format", "json"], environment: Self.environment(authority: stub, baseURL: stub))
        #expect(result.status == 0, "\(result)")
        let grants = stub.stub.tokenRequests
        #expect(grants.map(\.grantType) == ["client_credentials"])
        #expect(grants.first?.form["scope"] == "https://api.partnercenter.microsoft.com/.default")
        #expect(grants.first?.form["client_secret"] == Self.secret)
        #expect(!result.stdout.contains(Self.secret) && !result.stderr.contains(Self.secret))
    }

    @Test func refusedAppOnlyTokenSaysTheOperationMayNeedAppUser() async throws {
        // The identity stub issues a token the API stub does not know: a 401, as Partner
        // Center answers an app-only token for an App+User-only operation.
        let identity = try StubFixture(), api = try StubFixture()
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: Self.environment(authority: identity, baseURL: api))
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("HTTP 401"), "\(result)")
        #expect(result.stderr.contains("the token is app-only (client credentials), and this operation may need App+User credentials"), "\(result)")
        #expect(!result.stderr.contains(Self.secret))
    }

    @Test func appOnlyWithoutTheSecretNamesWhatIsMissing() async throws {
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_AUTH": "app", "PARTNER_CENTER_CLIENT_ID": "app-1"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("need PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_CLIENT_SECRET too"), "\(result)")
    }
}
