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
        var cursor: (after: Int, served: Int) = (after: -1, served: 0)
        if request.queryValue("seekOperation") == "Next" {
            guard let token = request.header("MS-ContinuationToken"), let decoded = ContinuationToken.decode(token) else {
                return .error(400, code: 400_003, description: "A valid MS-ContinuationToken header is required with seekOperation=Next.")
            }
            query = decoded.query
            cursor = (decoded.after, decoded.served)
        } else {
            switch CustomerQuery.parse(filter: request.queryValue("filter")) {
            case let .success(parsed): query = parsed
            case let .failure(problem): return .error(400, code: 400_004, description: problem.message)
            }
        }
        // One more than a page, to know whether another page follows.
        let matches = customers(matching: query, after: cursor.after, limit: size + 1)
        let page = matches.prefix(size)
        let served = cursor.served + page.count
        var links = Links(self_: Link(uri: "/customers?size=\(size)", method: "GET", headers: []))
        if matches.count > size, let last = page.last {
            let token = ContinuationToken.encode(ContinuationToken(query: query, after: last.position, served: served))
            // Microsoft's samples show next links without /v1 and newer responses with it: serve both.
            let root = (served / size) % 2 == 0 ? "/v1" : ""
            links.next = Link(
                uri: "\(root)/customers?size=\(size)&seekOperation=Next", method: "GET",
                headers: [KeyValuePair(key: "MS-ContinuationToken", value: token)]
            )
        }
        let collection = CustomerCollection(
            totalCount: page.count, items: page.map(\.customer), links: links, attributes: ResourceAttributes(objectType: "Collection")
        )
        return encode(collection)
    }

    /// The first `limit` customers that `query` matches after position `after`, in order: the
    /// sample customers from the index, then the created ones (positions from the sample's count on).
    private func customers(matching query: CustomerQuery, after: Int, limit: Int) -> [(position: Int, customer: Customer)] {
        let sample = OrdinalMerge.first(limit, after: after, in: data.index.matches(query))
        var found = sample.map { (position: $0, customer: data.entries[$0].customer) }
        guard found.count < limit else { return found }
        for (offset, entry) in createdCustomers().enumerated() where data.entries.count + offset > after && query.matches(entry) {
            found.append((position: data.entries.count + offset, customer: entry.customer))
            if found.count == limit { break }
        }
        return found
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
