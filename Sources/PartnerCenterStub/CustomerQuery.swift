import Foundation

/// A customers filter as Partner Center reads it:
/// `{"Field": "IndirectReseller", "Value": "…", "Operator": "starts_with"}`, case-insensitive.
struct CustomerQuery: Sendable, Hashable, Codable {
    enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        case companyName = "CompanyName"
        case domain = "Domain"
        case indirectReseller = "IndirectReseller"
        case indirectCloudSolutionProvider = "IndirectCloudSolutionProvider"
    }

    var field: Field?
    var value: String

    /// The query for a `filter` parameter (none: every customer).
    static func parse(filter: String?) -> Result<CustomerQuery, FilterProblem> {
        guard let filter else { return .success(CustomerQuery(field: nil, value: "")) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(filter.utf8))) as? [String: Any] else {
            return .failure(FilterProblem(message: "filter must be a JSON object."))
        }
        guard let fieldName = object["Field"] as? String, let field = Field(rawValue: fieldName) else {
            return .failure(FilterProblem(message: "filter Field must be one of \(Field.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        guard (object["Operator"] as? String) == "starts_with" else {
            return .failure(FilterProblem(message: "filter Operator must be starts_with."))
        }
        guard let value = object["Value"] as? String else {
            return .failure(FilterProblem(message: "filter Value must be a string."))
        }
        return .success(CustomerQuery(field: field, value: value))
    }

    /// Whether `entry` matches, tested on the entry itself (the sample customers are
    /// indexed instead: ``CustomerIndex/matches(_:)``).
    func matches(_ entry: SampleData.Entry) -> Bool {
        guard let field else { return true }
        let candidate: String
        switch field {
        case .companyName: candidate = entry.customer.companyProfile?.companyName ?? ""
        case .domain: candidate = entry.customer.companyProfile?.domain ?? ""
        case .indirectReseller: candidate = entry.resellerTenantID
        case .indirectCloudSolutionProvider: candidate = ""
        }
        return candidate.lowercased().hasPrefix(value.lowercased())
    }
}

/// Why a filter was refused.
struct FilterProblem: Error {
    var message: String
}

/// The opaque cursor behind `MS-ContinuationToken`: the query, the position of the last
/// customer served and how many were, base64 with a version prefix, so real tokens' `,` `/`
/// `+` `=` characters appear as they do in Partner Center's.
///
/// Positions are the sample customers' (from 0), then the created customers' after them; the
/// next page is the matches after `after`, so it is found without reading the ones before.
struct ContinuationToken: Codable {
    var query: CustomerQuery
    /// The position of the last customer served.
    var after: Int
    /// The customers served so far.
    var served: Int

    static func encode(_ token: ContinuationToken) -> String {
        let json = (try? JSONEncoder().encode(token)) ?? Data()
        return "1,+/" + json.base64EncodedString()
    }

    static func decode(_ text: String) -> ContinuationToken? {
        guard text.hasPrefix("1,+/"), let json = Data(base64Encoded: String(text.dropFirst(4))) else { return nil }
        return try? JSONDecoder().decode(ContinuationToken.self, from: json)
    }
}
