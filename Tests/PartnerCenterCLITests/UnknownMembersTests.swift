import Foundation
import LocalHTTPServer
import Testing

/// Members Microsoft adds before the spec lists them reach `json` and `ndjson` output, at
/// every depth, with numbers as they were written.
@Suite("Members the spec does not list")
struct UnknownMembersTests {
    /// A page whose customer carries members the spec does not know: at the top, inside
    /// `companyProfile`, inside an object the spec does not know, and a number no Swift type holds.
    static let page = #"""
    {"totalCount":1,"items":[{"id":"1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9",
    "companyProfile":{"companyName":"Contoso","domain":"contoso.onmicrosoft.com","newProfileField":"kept"},
    "relationshipToPartner":"reseller","newFieldFromMicrosoft":{"nested":[1,{"deeper":true}],"big":123456789012345678901234567890.50}}],
    "attributes":{"objectType":"Collection"}}
    """#

    static func server() throws -> LocalHTTPServer {
        try LocalHTTPServer { _ in .json(200, page) }
    }

    @Test(arguments: ["json", "ndjson"])
    func unknownMembersArePrinted(format: String) async throws {
        let server = try Self.server()
        defer { server.stop() }
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", format],
            environment: ["PARTNER_CENTER_BASE_URL": server.baseURL.absoluteString, "PARTNER_CENTER_TOKEN": "t"]
        )
        #expect(result.status == 0, "\(result)")
        let text = format == "json" ? result.stdout : "[" + result.stdout.split(separator: "\n").joined(separator: ",") + "]"
        let customers = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
        let customer = try #require(customers.first)
        #expect((customer["companyProfile"] as? [String: Any])?["newProfileField"] as? String == "kept")
        let added = try #require(customer["newFieldFromMicrosoft"] as? [String: Any], "\(result.stdout)")
        #expect(((added["nested"] as? [Any])?.last as? [String: Any])?["deeper"] as? Bool == true)
        // The number is written as received, not rounded through a Double.
        #expect(result.stdout.contains("123456789012345678901234567890.50"), "\(result.stdout)")
    }
}
