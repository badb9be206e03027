import Foundation
import PartnerCenter

/// Deterministic sample data: the same customers, resellers and ids on every run.
public struct SampleData: Sendable {
    /// An indirect reseller of the sample partner.
    public struct Reseller: Sendable, Hashable {
        public var tenantID: String
        public var name: String
        public var mpnID: String
        /// The reseller's country; absent for some, as Partner Center may omit it.
        public var location: String?
    }

    /// A customer and the reseller that serves it.
    public struct Entry: Sendable, Hashable {
        public var customer: Customer
        public var resellerTenantID: String
    }

    /// The reseller used in the README's first command.
    public static let demoResellerTenantID = "484e548c-f5f3-4528-93a9-c16c6373cb59"

    public let resellers: [Reseller]
    /// The customers in order, each made when it is read (see ``SampleCustomers``).
    public let entries: Entries
    /// The partner's invoices, whose statements the stub serves.
    public let invoiceIDs = ["G000024132", "G000024133", "G000024134"]
    /// Customer positions by id.
    private let positionByID: CustomerIDIndex
    /// Customer positions by what customers filters match.
    let index: CustomerIndex

    /// `customerCount` customers spread over six resellers (at most `Int32.max`).
    public init(customerCount: Int = 2_400) {
        var random = SplitMix64(seed: SampleCustomers.seed)
        var resellers = [Reseller(tenantID: Self.demoResellerTenantID, name: "Contoso Channel Partners", mpnID: "4812345", location: "US")]
        let others = [("Fabrikam Resellers", "GB"), ("Northwind Cloud", "DE"), ("Adatum Solutions", nil), ("Tailspin Distribution", "FR"), ("Wingtip Partners", "JP")]
        for (name, location) in others {
            resellers.append(Reseller(tenantID: random.uuid(), name: name, mpnID: String(4_000_000 + random.next() % 999_999), location: location))
        }
        let count = min(max(0, customerCount), Int(Int32.max))
        self.resellers = resellers
        entries = Entries(count: count, resellerTenantIDs: resellers.map(\.tenantID))
        positionByID = CustomerIDIndex(count: count)
        index = CustomerIndex(count: count, resellerTenantIDs: resellers.map(\.tenantID))
    }

    /// The customer with tenant id `id` (case-insensitive, as Partner Center treats GUIDs).
    public func entry(customerID id: String) -> Entry? {
        guard let key = UUIDBits.key(of: id), let position = positionByID.position(of: key) else { return nil }
        let entry = entries[position]
        // The key leaves out the two digits every sample id writes as 4 and a.
        return entry.customer.id == id.lowercased() ? entry : nil
    }

    /// The reseller with tenant id `id`.
    public func reseller(tenantID id: String) -> Reseller? {
        resellers.first { $0.tenantID == id.lowercased() }
    }

    /// The sample customers in order, as a collection that makes each one when it is read.
    public struct Entries: RandomAccessCollection, Sendable {
        public let startIndex = 0
        public let endIndex: Int
        private let resellerTenantIDs: [String]

        init(count: Int, resellerTenantIDs: [String]) {
            endIndex = count
            self.resellerTenantIDs = resellerTenantIDs
        }

        /// Customer `position`, served by reseller `position` modulo the number of resellers.
        public subscript(position: Int) -> Entry {
            Entry(customer: SampleCustomers.customer(position), resellerTenantID: resellerTenantIDs[position % resellerTenantIDs.count])
        }
    }
}
