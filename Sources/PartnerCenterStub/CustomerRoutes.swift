import Foundation
import PartnerCenter
import LocalHTTPServer

extension StubHandler {
    /// `GET /v1/customers[?size=N&filter=JSON]`, or the next page with `seekOperation=Next`.
    func customers(_ request: HTTPServerRequest) -> StubResult {
        let size: Int
        if let text = request.queryValue("size") {
            guard let value = Int(text), (1...500).contains(value) else {
                return .error(400, code: 400_001, description: "size must be between 1 and 500.")
            }
            size = value
        } else {
            size = configuration.defaultPageSize
        }
        let query: CustomerQuery
        let offset: Int
        if request.queryValue("seekOperation") == "Next" {
            guard let token = request.header("MS-ContinuationToken"), let cursor = ContinuationToken.decode(token) else {
                return .error(400, code: 400_003, description: "A valid MS-ContinuationToken header is required with seekOperation=Next.")
            }
            query = cursor.query
            offset = cursor.offset
        } else {
            switch CustomerQuery.parse(filter: request.queryValue("filter")) {
            case let .success(parsed): query = parsed
            case let .failure(problem): return .error(400, code: 400_004, description: problem.message)
            }
            offset = 0
        }
        let matching = (data.entries + createdCustomers()).filter(query.matches)
        let page = Array(matching.dropFirst(offset).prefix(size)).map(\.customer)
        let nextOffset = offset + page.count
        var links = Links(self_: Link(uri: "/customers?size=\(size)", method: "GET", headers: []))
        if nextOffset < matching.count {
            let token = ContinuationToken.encode(ContinuationToken(query: query, offset: nextOffset))
            // Microsoft's samples show next links without /v1 and newer responses with it: serve both.
            let root = (nextOffset / size) % 2 == 0 ? "/v1" : ""
            links.next = Link(
                uri: "\(root)/customers?size=\(size)&seekOperation=Next", method: "GET",
                headers: [KeyValuePair(key: "MS-ContinuationToken", value: token)]
            )
        }
        let collection = CustomerCollection(
            totalCount: page.count, items: page, links: links, attributes: ResourceAttributes(objectType: "Collection")
        )
        return encode(collection)
    }

    /// The customers callers created (`POST /v1/customers`), under the indirect reseller their
    /// `associatedPartnerId` names.
    private func createdCustomers() -> [SampleData.Entry] {
        world.members(of: "/v1/customers").compactMap { value in
            guard let customer = try? JSONDecoder().decode(Customer.self, from: Data(JSONWriter.string(from: value).utf8)) else { return nil }
            return SampleData.Entry(customer: customer, resellerTenantID: customer.associatedPartnerId?.lowercased() ?? "")
        }
    }

    /// `GET /v1/customers/{id}`.
    func customer(id: String) -> StubResult {
        guard let entry = data.entry(customerID: id) else { return .customerNotFound(id) }
        return encode(entry.customer)
    }

    /// `GET /v1/customers/{id}/profiles/company`.
    func companyProfile(customerID: String) -> StubResult {
        guard let profile = data.entry(customerID: customerID)?.customer.companyProfile else { return .customerNotFound(customerID) }
        return encode(profile)
    }
}
