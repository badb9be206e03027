import Foundation
import LocalHTTPServer
import PartnerCenter

extension StubHandler {
    /// `GET /v1/customers/{id}/relationships`: the indirect reseller that serves the customer.
    func relationships(customerID: String) -> StubResult {
        guard let entry = data.entry(customerID: customerID) else { return .customerNotFound(customerID) }
        let items = data.reseller(tenantID: entry.resellerTenantID).map { [relationship($0, type: .isIndirectResellerOf)] } ?? []
        return encode(PartnerRelationshipCollection(totalCount: items.count, items: items, attributes: ResourceAttributes(objectType: "Collection")))
    }

    /// `GET /v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf`: the partner's indirect resellers.
    func resellers(_ request: HTTPServerRequest) -> StubResult {
        guard request.queryValue("relationship_type") == "IsIndirectCloudSolutionProviderOf" else {
            return .error(400, code: 400_005, description: "relationship_type must be IsIndirectCloudSolutionProviderOf.")
        }
        let items = data.resellers.map { relationship($0, type: .isIndirectCloudSolutionProviderOf) }
        return encode(PartnerRelationshipCollection(totalCount: items.count, items: items, attributes: ResourceAttributes(objectType: "Collection")))
    }

    private func relationship(_ reseller: SampleData.Reseller, type: PartnerRelationshipType) -> PartnerRelationship {
        PartnerRelationship(
            id: reseller.tenantID, name: reseller.name, relationshipType: type,
            state: reseller.location == nil ? nil : "Active", mpnId: reseller.mpnID, location: reseller.location,
            attributes: ResourceAttributes(objectType: "PartnerRelationship")
        )
    }
}
