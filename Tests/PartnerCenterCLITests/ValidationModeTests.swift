import Foundation
import LocalHTTPServer
import Testing

/// `--validation warn|strict`: a response that breaks the spec is printed whole, as received,
/// with each violation named on standard error (warn), or stops the command (strict).
@Suite("--validation")
struct ValidationModeTests {
    /// Customers as the server sends them: the second breaks the spec at two depths (its
    /// `relationshipToPartner` is a number, its `companyProfile.domain` a boolean).
    static let items = [
        #"{"id":"1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9","companyProfile":{"companyName":"Contoso","domain":"contoso.onmicrosoft.com"},"relationshipToPartner":"reseller"}"#,
        #"{"id":"2e5bc0d5-9b66-4ea0-9076-be7d36b3f8fa","companyProfile":{"companyName":"Fabrikam","domain":false},"relationshipToPartner":7,"price":"25.10"}"#,
    ]
    static let page = #"{"totalCount":2,"items":[\#(items.joined(separator: ","))],"attributes":{"objectType":"Collection"}}"#
    static let pointers = ["/items/1/companyProfile/domain", "/items/1/relationshipToPartner"]

    static func run(_ arguments: [String]) async throws -> CLIResult {
        let server = try LocalHTTPServer { _ in .json(200, page) }
        defer { server.stop() }
        return try await CLI.run(
            ["customers", "--reseller", demoReseller] + arguments,
            environment: ["PARTNER_CENTER_BASE_URL": server.baseURL.absoluteString, "PARTNER_CENTER_TOKEN": "t"]
        )
    }

    @Test func warnPrintsEveryItemAsReceivedNamesEachViolationAndExits65() async throws {
        let result = try await Self.run(["--format", "ndjson"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.split(separator: "\n").map(String.init) == Self.items, "\(result.stdout)")
        for pointer in Self.pointers {
            #expect(result.stderr.contains("warning: page 1: \(pointer): "), "\(result.stderr)")
        }
        #expect(result.stderr.contains("the response broke the spec in 2 places"), "\(result.stderr)")
    }

    @Test(arguments: ["json", "csv"])
    func warnIsTheDefaultForFormatsThatPrintWhatWasReceived(format: String) async throws {
        let result = try await Self.run(["--format", format])
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.contains("Fabrikam"), "\(result.stdout)")
        #expect(result.stderr.contains(Self.pointers[1]), "\(result.stderr)")
    }

    @Test func strictStopsAtThePageAndPrintsNothingOfIt() async throws {
        let result = try await Self.run(["--format", "ndjson", "--validation", "strict"])
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("response breaks the spec"), "\(result.stderr)")
        #expect(result.stderr.contains(Self.pointers[0]), "\(result.stderr)")
    }

    @Test func tableIsStrictByDefault() async throws {
        let result = try await Self.run(["--format", "table"])
        #expect(result.status == 65, "\(result)")
        #expect(!result.stdout.contains("Contoso"), "\(result.stdout)")
    }

    @Test func aSingleResponseIsPrintedWholeWithItsViolations() async throws {
        let customer = #"{"id":"1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9","companyProfile":{"companyName":7},"relationshipToPartner":"reseller","newMember":{"kept":true}}"#
        let server = try LocalHTTPServer { _ in .json(200, customer) }
        defer { server.stop() }
        let result = try await CLI.run(
            ["call", "getCustomerById", "--param", "customer-tenant-id=1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9"],
            environment: ["PARTNER_CENTER_BASE_URL": server.baseURL.absoluteString, "PARTNER_CENTER_TOKEN": "t"]
        )
        #expect(result.status == 65, "\(result)")
        let printed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((printed?["companyProfile"] as? [String: Any])?["companyName"] as? Int == 7, "\(result.stdout)")
        #expect((printed?["newMember"] as? [String: Any])?["kept"] as? Bool == true)
        #expect(result.stderr.contains("warning: /companyProfile/companyName: expected string"), "\(result.stderr)")
    }
}
