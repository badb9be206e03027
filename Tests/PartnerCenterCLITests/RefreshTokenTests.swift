import Foundation
import LocalHTTPServer
import PartnerCenterStub
import Testing

/// App+User credentials from the environment: the CLI runs the refresh-token grant against
/// the token endpoint and uses the access token it gets.
@Suite("Refresh-token credentials")
struct RefreshTokenTests {
    /// A token endpoint that hands out `token` (or refuses every grant) and records the form
    /// bodies it received.
    final class TokenEndpoint: @unchecked Sendable {
        let token = "ACCESS-FROM-GRANT-0123456789"
        private let lock = NSLock()
        private var recorded: [String] = []
        private(set) var server: LocalHTTPServer?

        init(refusing: Bool = false) throws {
            server = try LocalHTTPServer { [unowned self] request in
                let form = String(decoding: request.body, as: UTF8.self)
                lock.withLock { recorded.append(form) }
                if refusing {
                    // Azure AD's refusal of an expired refresh token, echoing what it was sent.
                    return .json(400, #"{"error":"invalid_grant","error_description":"AADSTS70008: The refresh token has expired. \#(form)"}"#)
                }
                return .json(200, #"{"token_type":"Bearer","access_token":"\#(token)","expires_in":"3600"}"#)
            }
        }

        var forms: [String] { lock.withLock { recorded } }
        var url: String { (server?.baseURL.absoluteString ?? "") + "/tenant/oauth2/token" }

        deinit { server?.stop() }
    }

    static let secret = "CLIENT-SECRET-abcdef123456", refresh = "REFRESH-TOKEN-abcdef123456"

    /// `customers` with App+User credentials in the environment, against `stub` and `endpoint`.
    static func listCustomers(stub: StubFixture, endpoint: TokenEndpoint) async throws -> CLIResult {
        try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: [
            "PARTNER_CENTER_BASE_URL": stub.baseURL,
            "PARTNER_CENTER_TENANT_ID": "tenant", "PARTNER_CENTER_CLIENT_ID": "client-1",
            "PARTNER_CENTER_CLIENT_SECRET": secret, "PARTNER_CENTER_REFRESH_TOKEN": refresh,
            "PARTNER_CENTER_TOKEN_ENDPOINT": endpoint.url,
        ])
    }

    @Test func appUserCredentialsAreExchangedForAnAccessToken() async throws {
        let endpoint = try TokenEndpoint()
        let stub = try StubFixture(StubConfiguration(acceptedToken: endpoint.token))
        let result = try await Self.listCustomers(stub: stub, endpoint: endpoint)
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers().map(\.customer.id))
        #expect(endpoint.forms.count == 1, "one grant for the whole listing")
        let form = try #require(endpoint.forms.first)
        #expect(form.contains("grant_type=refresh_token"))
        #expect(form.contains("refresh_token=\(Self.refresh)"))
        #expect(form.contains("client_id=client-1"))
        for secretText in [Self.secret, Self.refresh, endpoint.token] {
            #expect(!result.stdout.contains(secretText) && !result.stderr.contains(secretText))
        }
    }

    @Test func refusedGrantExitsWithTheAuthenticationCode() async throws {
        let endpoint = try TokenEndpoint(refusing: true)
        let stub = try StubFixture()
        let result = try await Self.listCustomers(stub: stub, endpoint: endpoint)
        #expect(result.status == 77, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the token endpoint refused the grant: HTTP 400: code invalid_grant: AADSTS70008"), "\(result.stderr)")
        for secretText in [Self.secret, Self.refresh] {
            #expect(!result.stdout.contains(secretText) && !result.stderr.contains(secretText), "\(result.stderr)")
        }
    }
}
