import PartnerCenterStub
import Testing

@Suite("Demo mode")
struct DemoModeTests {
    @Test func withNoEnvironmentListsTheDemoResellersCustomersFromTheLocalStub() async throws {
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "csv"])
        #expect(result.status == 0, "\(result)")
        let expected = SampleData().entries.filter { $0.resellerTenantID == SampleData.demoResellerTenantID }
        let records = try CSV.parse(result.stdout)
        #expect(records.first == ["id", "companyName", "domain", "relationshipToPartner"])
        #expect(records.count == expected.count + 1)
        #expect(records.dropFirst().map { $0.first ?? "" } == expected.map(\.customer.id))
        #expect(result.stderr.contains("demo data from a local Partner Center stub"), "\(result)")
        #expect(!result.stdout.contains("demo"), "the demo note must stay off stdout")
    }
}
