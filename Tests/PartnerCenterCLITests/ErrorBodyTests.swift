import Foundation
import LocalHTTPServer
import Testing

/// Partner Center's error bodies reach the user whole: code, description, `data` and every
/// other member; an App+User call refused for want of MFA says how to sign in again.
@Suite("Error bodies")
struct ErrorBodyTests {
    static func call(answering status: Int, _ body: String) async throws -> CLIResult {
        let server = try LocalHTTPServer { _ in .json(status, body) }
        defer { server.stop() }
        return try await CLI.run(
            ["call", "getCustomerById", "--param", "customer-tenant-id=1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9"],
            environment: ["PARTNER_CENTER_BASE_URL": server.baseURL.absoluteString, "PARTNER_CENTER_TOKEN": "t"]
        )
    }

    @Test func anExtendedErrorBodyIsPrintedWhole() async throws {
        let body = #"""
            {"code":600061,"description":"The partner is not authorized for this action.","errorName":"PartnerNotAuthorized",
             "isRetryable":false,"parameters":{"partnerId":"4e8b8f2a"},"data":["first",{"detail":"second"}],"source":"PartnerFD"}
            """#
        let result = try await Self.call(answering: 400, body)
        #expect(result.status == 69, "\(result)")
        for text in [
            "HTTP 400: code 600061: The partner is not authorized for this action.", "data: first, {\"detail\":\"second\"}",
            "errorName: PartnerNotAuthorized", "isRetryable: false", #"parameters: {"partnerId":"4e8b8f2a"}"#,
        ] {
            #expect(result.stderr.contains(text), "\(text) in \(result.stderr)")
        }
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [#"{"code":900421,"description":"Multi-factor authentication is required.","data":[],"source":"PartnerFD"}"#,
                      #"{"code":"900421","description":"Denied."}"#])
    func anMFARefusalSaysHowToSignInAgain(body: String) async throws {
        let result = try await Self.call(answering: 401, body)
        #expect(result.status == 77, "\(result)")
        #expect(result.stderr.contains("code 900421"), "\(result.stderr)")
        let advice = result.stderr.split(separator: "\n").filter { $0.contains("multi-factor authentication") && $0.contains("partner-center login") }
        #expect(advice.count == 1, "\(result.stderr)")
    }

    @Test func anotherRefusalGivesNoMFAAdvice() async throws {
        let result = try await Self.call(answering: 401, #"{"code":401,"description":"Unauthorized"}"#)
        #expect(result.status == 77, "\(result)")
        #expect(!result.stderr.contains("multi-factor"), "\(result.stderr)")
    }
}
