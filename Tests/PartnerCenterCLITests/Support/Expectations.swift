import Foundation
import PartnerCenter
import PartnerCenterStub
import Testing

/// The CSV columns the CLI writes for one sample customer.
func csvFields(_ entry: SampleData.Entry) -> [String] {
    let customer = entry.customer
    return [
        customer.id, customer.companyProfile?.companyName ?? "", customer.companyProfile?.domain ?? "",
        customer.relationshipToPartner?.rawValue ?? "",
    ]
}

/// The customer ids in a JSON array printed by `--format json`.
func idsOfJSONArray(_ text: String) throws -> [String] {
    let array = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]], "stdout is not a JSON array of objects")
    return try array.map { try #require($0["id"] as? String, "an element has no string id") }
}

/// A valid reseller argument.
let demoReseller = SampleData.demoResellerTenantID

/// The `MS-RequestId` a one-line error names, when it names one.
func requestID(in line: String) -> String? {
    guard let range = line.range(of: "MS-RequestId ") else { return nil }
    let id = line[range.upperBound...].prefix { $0.isHexDigit || $0 == "-" }
    return UUID(uuidString: String(id)) == nil ? nil : String(id)
}
