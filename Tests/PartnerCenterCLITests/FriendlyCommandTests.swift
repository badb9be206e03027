import Foundation
import PartnerCenterStub
import Testing

/// `customers create`, `subscriptions list` and `invoices statement`: one operation each,
/// as `call` runs it, against the stub.
@Suite("Friendly commands")
struct FriendlyCommandTests {
    private static let customer = #"""
    {"companyProfile":{"domain":"friendly.onmicrosoft.com","companyName":"Friendly Ltd"},
     "billingProfile":{"email":"it@friendly.example","culture":"en-US","language":"en","companyName":"Friendly Ltd",
      "defaultAddress":{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Way","postalCode":"98052","firstName":"Ada","lastName":"Lovelace","phoneNumber":"4255550100"}}}
    """#

    @Test func customersCreateForAResellerByNameIsThenAmongItsCustomers() async throws {
        let stub = try StubFixture()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("customer-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(Self.customer.utf8).write(to: file)
        let created = try await CLI.run(["customers", "create", "--from", file.path, "--reseller", "Contoso Channel"], environment: stub.environment())
        #expect(created.status == 0, "\(created)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])
        #expect(object["associatedPartnerId"] as? String == demoReseller)
        let id = try #require(object["id"] as? String)
        let listed = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: stub.environment())
        #expect(listed.status == 0, "\(listed)")
        #expect(try idsOfJSONArray(listed.stdout).contains(id), "customers without 'list' is still the listing")
    }

    @Test func subscriptionsListPrintsEachSubscriptionAsARecord() async throws {
        let stub = try StubFixture()
        let customer = stub.stub.data.entries[0].customer.id
        let result = try await CLI.run(["subscriptions", "list", "--customer", customer, "--format", "csv"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let rows = try CSV.parse(result.stdout)
        #expect(rows.first == ["id", "friendlyName", "offerId", "quantity", "status"])
        #expect(rows.count > 1)
    }

    @Test func invoicesStatementWritesThePDF() async throws {
        let stub = try StubFixture()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CLI.run(["invoices", "statement", stub.stub.data.invoiceIDs[1], "--output", file.path], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try Data(contentsOf: file).starts(with: Data("%PDF-".utf8)))
    }
}
