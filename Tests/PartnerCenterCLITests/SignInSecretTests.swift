import Foundation
import LocalHTTPServer
import PartnerCenterStub
import Testing

/// No device code, token or client secret in any output of the sign-in paths, from an
/// identity server that echoes what it was sent in its error bodies.
@Suite("No secret in sign-in output")
struct SignInSecretTests {
    static let deviceCode = "DEVICE-CODE-SECRET-0123456789"
    static let accessToken = "ACCESS-TOKEN-SECRET-0123456789"
    static let refreshToken = "REFRESH-TOKEN-SECRET-0123456789"
    static let clientSecret = "CLIENT-SECRET-SECRET-0123456789"

    /// Which answer echoes the request.
    enum Echo: String, CaseIterable, Sendable {
        /// The device-code poll is refused, echoing the form (the device code) in every member.
        case poll
        /// Sign-in succeeds; the refresh-token grant is refused, echoing the refresh token.
        case refresh
        /// The client-credentials grant is refused, echoing the secret.
        case clientCredentials
        /// The poll "succeeds" with a body that is not JSON, quoting the form.
        case malformedPoll
    }

    /// An identity server that hands out the planted secrets and echoes every form it gets.
    static func server(_ echo: Echo) throws -> LocalHTTPServer {
        try LocalHTTPServer { request in
            let form = String(decoding: request.body, as: UTF8.self)
            let decoded = form.removingPercentEncoding ?? form
            let echoed = #"{"error":"invalid_grant","error_description":"AADSTS70000: rejected \#(decoded) (\#(form))","error_codes":[70000],"correlation_id":"\#(decoded)"}"#
            if request.path.hasSuffix("/devicecode") {
                return .json(200, #"{"device_code":"\#(deviceCode)","user_code":"ABCD-EFGH","verification_uri":"https://microsoft.com/devicelogin","expires_in":900,"interval":1}"#)
            }
            switch echo {
            case .poll, .clientCredentials: return .json(400, echoed)
            case .malformedPoll: return HTTPServerResponse(status: 200, headers: [("Content-Type", "text/html")], body: Data("<html>\(decoded)".utf8))
            case .refresh:
                guard form.contains("device_code") else { return .json(400, echoed) }
                return .json(200, #"{"access_token":"\#(accessToken)","refresh_token":"\#(refreshToken)","expires_in":0,"token_type":"Bearer"}"#)
            }
        }
    }

    @Test(arguments: Echo.allCases)
    func echoedSecretsAppearInNoOutput(echo: Echo) async throws {
        let server = try Self.server(echo)
        defer { server.stop() }
        let api = try StubFixture()
        let home = try ConfigHome()
        var environment = home.environment(authority: server.baseURL, baseURL: api.url)
        var results: [CLIResult] = []
        switch echo {
        case .poll, .malformedPoll:
            results.append(try await CLI.run(["login", "--client-id", "app-1"], environment: environment))
            #expect(results[0].status == 77, "\(results[0])")
        case .refresh:
            results.append(try await CLI.run(["login", "--client-id", "app-1"], environment: environment))
            #expect(results[0].status == 0, "\(results[0])")
            results.append(try await CLI.run(["customers", "--reseller", demoReseller], environment: environment))
            #expect(results[1].status == 77, "\(results[1])")
            #expect(results[1].stderr.contains("sign in again (partner-center login)"), "\(results[1])")
            results.append(try await CLI.run(["login", "--status"], environment: environment))
        case .clientCredentials:
            environment.merge([
                "PARTNER_CENTER_AUTH": "app", "PARTNER_CENTER_TENANT_ID": "contoso", "PARTNER_CENTER_CLIENT_ID": "app-1",
                "PARTNER_CENTER_CLIENT_SECRET": Self.clientSecret,
            ]) { $1 }
            results.append(try await CLI.run(["customers", "--reseller", demoReseller], environment: environment))
            #expect(results[0].status == 77, "\(results[0])")
        }
        for result in results {
            for secret in [Self.deviceCode, Self.accessToken, Self.refreshToken, Self.clientSecret] {
                #expect(!result.stdout.contains(secret) && !result.stderr.contains(secret), "\(secret) in \(result)")
            }
        }
    }
}
