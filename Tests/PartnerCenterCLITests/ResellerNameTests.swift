import Foundation
import PartnerCenterStub
import Testing

/// `customers --reseller NAME`: a reseller's name as `resellers` lists it, case-insensitive,
/// exact first, then a unique prefix; anything else is refused (exit 64) with the candidates.
@Suite("Reseller names")
struct ResellerNameTests {
    @Test(arguments: ["Fabrikam Resellers", "fabrikam RESELLERS"])
    func anExactNameListsThatResellersCustomers(name: String) async throws {
        let stub = try StubFixture()
        let reseller = try #require(stub.stub.data.resellers.first { $0.name == "Fabrikam Resellers" })
        let result = try await CLI.run(["customers", "--reseller", name, "--format", "json"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers(of: reseller.tenantID).map(\.customer.id))
        #expect(result.stderr.contains("reseller 'Fabrikam Resellers' is \(reseller.tenantID)"), "\(result)")
    }

    @Test func aUniquePrefixWillDo() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(["customers", "--reseller", "north", "--format", "json"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let reseller = try #require(stub.stub.data.resellers.first { $0.name == "Northwind Cloud" })
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers(of: reseller.tenantID).map(\.customer.id))
    }

    @Test func anExactNameWinsOverALongerOneItPrefixes() async throws {
        let server = try ResellerServer([("Contoso", "11111111-1111-1111-1111-111111111111"), ("Contoso West", "22222222-2222-2222-2222-222222222222")])
        let result = try await CLI.run(["customers", "--reseller", "contoso"], environment: environment(server))
        // The name resolved to the first reseller; its customers are then asked for (this server has none: 404).
        #expect(result.stderr.contains("reseller 'Contoso' is 11111111-1111-1111-1111-111111111111"), "\(result)")
        #expect(server.otherRequestCount == 1)
    }

    @Test func anAmbiguousPrefixIsRefusedWithTheCandidates() async throws {
        let server = try ResellerServer([
            ("Contoso East", "11111111-1111-1111-1111-111111111111"), ("Contoso West", "22222222-2222-2222-2222-222222222222"),
            ("Fabrikam", "33333333-3333-3333-3333-333333333333"),
        ])
        let result = try await CLI.run(["customers", "--reseller", "Contoso"], environment: environment(server))
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--reseller 'Contoso' matches 2 resellers"), "\(result)")
        #expect(result.stderr.contains("Contoso East (11111111-1111-1111-1111-111111111111)"), "\(result)")
        #expect(result.stderr.contains("Contoso West (22222222-2222-2222-2222-222222222222)"), "\(result)")
        #expect(!result.stderr.contains("Fabrikam"), "\(result)")
        #expect(server.otherRequestCount == 0, "no customers are asked for")
    }

    @Test func anUnknownNameIsRefusedListingTheResellers() async throws {
        let result = try await CLI.run(["customers", "--reseller", "Litware"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--reseller 'Litware' is neither a tenant id nor a reseller's name"), "\(result)")
        for reseller in SampleData().resellers {
            #expect(result.stderr.contains("\(reseller.name) (\(reseller.tenantID))"), "\(result)")
        }
    }

    private func environment(_ server: ResellerServer) -> [String: String] {
        ["PARTNER_CENTER_BASE_URL": server.baseURL, "PARTNER_CENTER_TOKEN": testToken]
    }
}
