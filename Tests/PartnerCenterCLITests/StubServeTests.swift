import Foundation
import PartnerCenterStub
import Testing

@Suite("stub serve")
struct StubServeTests {
    @Test func servesOnAFreePortPrintsItsURLAndAnswersTheCLI() async throws {
        let server = try BackgroundProcess(["stub", "serve", "--port", "0", "--customers", "50", "--page-size", "5", "--token", "T"])
        let line = await server.firstLine(within: 10)
        let url = try #require(line.flatMap { URL(string: $0) }, "no base URL on stdout; stderr: \(server.stderr)")
        #expect(url.scheme == "http" && url.host == "127.0.0.1" && (url.port ?? 0) > 0, "\(url)")

        let expected = SampleData(customerCount: 50).entries.filter { $0.resellerTenantID == demoReseller }.map(\.customer.id)
        try #require(expected.count > 5, "the check needs more than one page")
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json"],
            environment: ["PARTNER_CENTER_BASE_URL": url.absoluteString, "PARTNER_CENTER_TOKEN": "T"]
        )
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == expected)

        let rejected = try await CLI.run(
            ["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_BASE_URL": url.absoluteString, "PARTNER_CENTER_TOKEN": "not-T"]
        )
        #expect(rejected.status == 77, "--token must restrict the accepted token: \(rejected)")

        #expect(server.isRunning, "the server must run until stopped")
        await server.terminate()
        #expect(!server.isRunning)
    }
}
