import Foundation
import PartnerCenter
import PartnerCenterStub

/// The first page of the stub's customers, as JSON: what `GET /v1/customers?size=N` returns.
enum SamplePage {
    /// A page of `customerCount` customers with a `links.next`, encoded as the stub encodes it.
    static func json(customerCount: Int) throws -> Data {
        let customers = SampleData(customerCount: customerCount).entries.map(\.customer)
        var links = Links(self_: Link(uri: "/customers?size=\(customerCount)", method: "GET", headers: []))
        links.next = Link(
            uri: "/customers?size=\(customerCount)&seekOperation=Next", method: "GET",
            headers: [KeyValuePair(key: "MS-ContinuationToken", value: continuationToken)]
        )
        let page = CustomerCollection(
            totalCount: customers.count, items: customers, links: links, attributes: ResourceAttributes(objectType: "Collection")
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(page)
    }

    /// The stub's token for the second page of an unfiltered listing of 500.
    private static let continuationToken = "1,+/eyJvZmZzZXQiOjUwMCwicXVlcnkiOnsidmFsdWUiOiIifX0="
}
