@testable import PartnerCenterStub
import Testing

/// The sample customers, made on demand from their position, are the ones the stub always
/// served, and are found by id.
@Suite struct SampleDataTests {
    /// Values the stub served before customers were made on demand (drawn one after another then).
    @Test(arguments: [
        (0, "dfe6f203-4c1d-43d9-aa3c-842ab3d98c7c", "c896d9a0-9353-43b1-aec6-3f890a55ce00", "Wingtip Bank Ltd", "wingtipbankltd0.onmicrosoft.com", "-4787426386"),
        (5, "b5b3d332-0d65-4a33-a9e2-68e61a73d3b1", "47c9902c-efde-4c8c-a73d-3ca488900206", "Société Générale des Démos", "socitgnraledesdmos5.onmicrosoft.com", "-2925677499"),
        (42, "c4aaa12b-2c82-443b-a0f1-ba4fbb171238", "7a2ebbaf-2c1d-4d53-a5a6-f9c0df6e65af", "株式会社サンプル商事", "42.onmicrosoft.com", "-3534521638"),
        (1234, "8b452ea4-817b-4a68-ac31-7d46d0154825", "09c4b294-ba1c-4b35-a6ab-fb266eba25d3", "Trey Pharmaceuticals LLC", "treypharmaceuticalsllc1234.onmicrosoft.com", "-727747554"),
        (2399, "3ce927fb-6fcf-4c33-a829-66e417ea0f32", "807528fc-6808-4c72-a026-88e8eb95220a", "Relecloud Logistics Group", "", "-6026182904"),
    ])
    func customersAreTheOnesTheStubAlwaysServed(position: Int, id: String, commerceID: String, name: String, domain: String, etag: String) {
        let customer = SampleData().entries[position].customer
        #expect(customer.id == id)
        #expect(customer.commerceId == commerceID)
        #expect(customer.companyProfile?.companyName == name)
        #expect(customer.companyProfile?.domain == domain)
        #expect(customer.attributes?.etag == etag)
    }

    @Test func everyCustomerIsFoundByItsIdInAnyCase() {
        let data = SampleData(customerCount: 500)
        for (position, entry) in data.entries.enumerated() {
            #expect(data.entry(customerID: position % 2 == 0 ? entry.customer.id : entry.customer.id.uppercased()) == entry)
        }
    }

    @Test(arguments: ["00000000-0000-4000-8000-000000000000", "dfe6f203-4c1d-53d9-aa3c-842ab3d98c7c", "dfe6f203-4c1d-43d9-ba3c-842ab3d98c7c", "dfe6f203", ""])
    func anIdNoCustomerHasFindsNone(_ id: String) {
        #expect(SampleData().entry(customerID: id) == nil)
    }

    @Test func customersAreSpreadOverTheResellersInTurn() {
        let data = SampleData(customerCount: 13)
        #expect(data.entries.map(\.resellerTenantID) == (0..<13).map { data.resellers[$0 % data.resellers.count].tenantID })
    }
}
