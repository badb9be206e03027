import Foundation
import PartnerCenter

/// Turns the value of `customers --reseller` into a tenant id: a GUID is used as it is; any
/// other value is a reseller's name as `partner-center resellers` lists it.
enum ResellerLookup {
    /// The tenant id `value` stands for, listing the partner's resellers when it is a name.
    /// - Throws: `UsageError` when no reseller or several are named so; `APIError` when the
    ///   listing fails.
    static func tenantID(for value: String, client: PartnerCenterClient) async throws -> String {
        if UUID(uuidString: value) != nil { return value }
        var resellers: [PartnerRelationship] = []
        for try await reseller in client.getIndirectResellersPages().items { resellers.append(reseller) }
        let match = try match(value, among: resellers)
        Terminal.note("partner-center: reseller '\(match.name ?? "")' is \(match.id)")
        return match.id
    }

    /// The reseller named `name`: the one whose name equals it ignoring case, else the only
    /// one whose name starts with it ignoring case.
    /// - Throws: `UsageError` listing the candidates when none or several match.
    static func match(_ name: String, among resellers: [PartnerRelationship]) throws(UsageError) -> PartnerRelationship {
        let exact = resellers.filter { $0.name?.caseInsensitiveCompare(name) == .orderedSame }
        let candidates = exact.isEmpty ? resellers.filter { $0.name?.lowercased().hasPrefix(name.lowercased()) == true } : exact
        if candidates.count == 1, let only = candidates.first { return only }
        if candidates.isEmpty {
            let known = resellers.isEmpty ? "the partner has no indirect resellers" : "the resellers are: \(list(resellers))"
            throw UsageError("--reseller '\(name)' is neither a tenant id nor a reseller's name; \(known).")
        }
        throw UsageError("--reseller '\(name)' matches \(candidates.count) resellers: \(list(candidates)); give more of the name, or the tenant id.")
    }

    /// `Name (id), Name (id)…`, at most 20.
    private static func list(_ resellers: [PartnerRelationship]) -> String {
        let shown = resellers.prefix(20).map { "\($0.name ?? "(no name)") (\($0.id))" }.joined(separator: ", ")
        return resellers.count > 20 ? shown + " and \(resellers.count - 20) more ('partner-center resellers' lists them)" : shown
    }
}
