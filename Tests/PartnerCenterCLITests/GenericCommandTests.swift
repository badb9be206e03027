import Foundation
import PartnerCenterStub
import Testing

/// `resellers`, `operations` and `call`: every operation of the spec from the command line,
/// driven by the compiled spec.
@Suite("Generic commands")
struct GenericCommandTests {
    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func resellersListsThePartnersIndirectResellers() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(["resellers", "--format", "json"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let ids = try #require(try json(result.stdout) as? [[String: Any]]).compactMap { $0["id"] as? String }
        #expect(ids == stub.stub.data.resellers.map(\.tenantID))
    }

    @Test func resellersThenCustomersWorksInDemoMode() async throws {
        let resellers = try await CLI.run(["resellers", "--format", "csv"])
        #expect(resellers.status == 0, "\(resellers)")
        let rows = try CSV.parse(resellers.stdout)
        let reseller = try #require(rows.dropFirst().last?.first)
        let customers = try await CLI.run(["customers", "--reseller", reseller, "--format", "json"])
        #expect(customers.status == 0, "\(customers)")
        let expected = SampleData().entries.filter { $0.resellerTenantID == reseller }.map(\.customer.id)
        #expect(try idsOfJSONArray(customers.stdout) == expected)
    }

    @Test func operationsListsEveryOperationWithItsParameters() async throws {
        let result = try await CLI.run(["operations"])
        #expect(result.status == 0, "\(result)")
        for id in ["getCustomerById", "getCustomerCompanyProfile", "getCustomerRelationships", "getCustomersOfIndirectReseller", "getIndirectResellers"] {
            #expect(result.stdout.contains("\n\(id)\n") || result.stdout.hasPrefix("\(id)\n"), "\(id) missing:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("--param customer-tenant-id=<string (uuid)>  (required)"))
        #expect(result.stdout.contains("--param resellerTenantId=<string (uuid)>  (required)"))
        #expect(result.stdout.contains("--param size=<integer 1…500>"))
        #expect(!result.stdout.contains("relationship_type"), "a const parameter takes no argument")
    }

    @Test func callGetCustomerByIdPrintsThatCustomer() async throws {
        let stub = try StubFixture()
        let customer = stub.stub.data.entries[42].customer
        let result = try await CLI.run(["call", "getCustomerById", "--param", "customer-tenant-id=\(customer.id)"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(object["id"] as? String == customer.id)
        #expect((object["companyProfile"] as? [String: Any])?["companyName"] as? String == customer.companyProfile?.companyName)
    }

    @Test func callTakesTheSwiftArgumentNameToo() async throws {
        let stub = try StubFixture()
        let customer = stub.stub.data.entries[3].customer
        let result = try await CLI.run(
            ["call", "getCustomerCompanyProfile", "--param", "customerTenantId=\(customer.id)", "--format", "ndjson"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let object = try #require(try json(result.stdout) as? [String: Any])
        #expect(object["companyName"] as? String == customer.companyProfile?.companyName)
    }

    @Test func callFollowsEveryPageOfAPagedOperation() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(
            ["call", "getCustomersOfIndirectReseller", "--param", "resellerTenantId=\(demoReseller)", "--param", "size=9", "--format", "ndjson"],
            environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let ids = try result.stdout.split(separator: "\n").map { line in
            try #require(try json(String(line)) as? [String: Any])["id"] as? String
        }
        #expect(ids == stub.expectedCustomers().map(\.customer.id))
    }

    @Test func callRelationshipsAndResellers() async throws {
        let stub = try StubFixture()
        let entry = stub.stub.data.entries[10]
        let relationships = try await CLI.run(
            ["call", "getCustomerRelationships", "--param", "customer-tenant-id=\(entry.customer.id)"], environment: stub.environment()
        )
        #expect(relationships.status == 0, "\(relationships)")
        let items = try #require(try json(relationships.stdout) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == [entry.resellerTenantID])
        #expect(items.first?["relationshipType"] as? String == "is_indirect_reseller_of")
        let resellers = try await CLI.run(["call", "getIndirectResellers", "--format", "table"], environment: stub.environment())
        #expect(resellers.status == 0, "\(resellers)")
        #expect(resellers.stdout.contains("\(stub.stub.data.resellers.count) items"))
    }

    @Test(arguments: [
        (["call", "getCustomerById"], "needs --param customer-tenant-id"),
        (["call", "nope"], "no operation 'nope'"),
        (["call", "getCustomerById", "--param", "customer-tenant-id=x", "--param", "colour=red"], "has no parameter 'colour'"),
        (["call", "getCustomerById", "--param", "customer-tenant-id"], "--param must look like name=value"),
        (["call", "getCustomersOfIndirectReseller", "--param", "resellerTenantId=\(demoReseller)", "--param", "size=big"], "'big' is not integer"),
        (["call", "getCustomerById", "--param", "customer-tenant-id=not-a-guid"], "is not a valid uuid"),
    ])
    func callUsageMistakesExit64WithOneLine(_ arguments: [String], _ message: String) async throws {
        let server = try CountingServer()
        let result = try await CLI.run(arguments, environment: ["PARTNER_CENTER_BASE_URL": server.baseURL, "PARTNER_CENTER_TOKEN": testToken])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(message), "\(result)")
        #expect(server.requestCount == 0, "nothing may be sent")
    }
}
