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
    public let entries: [Entry]
    /// The partner's invoices, whose statements the stub serves.
    public let invoiceIDs = ["G000024132", "G000024133", "G000024134"]
    private let indexByCustomerID: [String: Int]

    /// `customerCount` customers spread over six resellers.
    public init(customerCount: Int = 2_400) {
        var random = SplitMix64(seed: 0x5EED_CAFE)
        var resellers = [Reseller(tenantID: Self.demoResellerTenantID, name: "Contoso Channel Partners", mpnID: "4812345", location: "US")]
        let others = [("Fabrikam Resellers", "GB"), ("Northwind Cloud", "DE"), ("Adatum Solutions", nil), ("Tailspin Distribution", "FR"), ("Wingtip Partners", "JP")]
        for (name, location) in others {
            resellers.append(Reseller(tenantID: random.uuid(), name: name, mpnID: String(4_000_000 + random.next() % 999_999), location: location))
        }
        self.resellers = resellers
        entries = (0..<max(0, customerCount)).map { index in
            let reseller = resellers[index % resellers.count]
            return Entry(customer: Self.customer(index, random: &random), resellerTenantID: reseller.tenantID)
        }
        indexByCustomerID = Dictionary(entries.enumerated().map { ($1.customer.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The customer with tenant id `id` (case-insensitive, as Partner Center treats GUIDs).
    public func entry(customerID id: String) -> Entry? {
        indexByCustomerID[id.lowercased()].map { entries[$0] }
    }

    /// The reseller with tenant id `id`.
    public func reseller(tenantID id: String) -> Reseller? {
        resellers.first { $0.tenantID == id.lowercased() }
    }

    private static let prefixes = [
        "Contoso", "Fabrikam", "Northwind", "Adatum", "Litware", "Proseware", "Tailspin", "Wingtip", "Woodgrove", "Coho",
        "Alpine", "Blue Yonder", "Lucerne", "Margie's", "Relecloud", "Trey", "VanArsdel", "Wide World", "Humongous", "Fourth Coffee",
    ]
    private static let subjects = [
        "Bank", "Travel", "Toys", "Winery", "Airlines", "Publishing", "Research", "Importers", "Insurance", "Electronics",
        "Pharmaceuticals", "Logistics", "Foods", "Motors", "Studios",
    ]
    private static let suffixes = ["Ltd", "Inc.", "GmbH", "S.A.", "LLC", "Pty Ltd", "AB", "K.K.", "plc", "Group"]
    /// Names that are real-world awkward: Unicode, punctuation that CSV must quote, a line
    /// break, and text a spreadsheet would run as a formula.
    private static let awkwardNames = [
        "Société Générale des Démos", "株式会社サンプル商事", "Müller & Söhne GmbH", "Smith, Jones & Partners",
        "The \"Quoted\" Company", "Line\nBreak Holdings", "Ørsted Ålesund AS", "Ünïcödé Solutions 🙂", "O'Brien's Café ",
        "=HYPERLINK(\"https://example.invalid\",\"Contoso\")", "@SUM(1+1) Traders", "+1 Telecom", "-Minus Logistics",
    ]

    private static func customer(_ index: Int, random: inout SplitMix64) -> Customer {
        let id = random.uuid()
        let name: String
        if index % 37 == 5 {
            name = awkwardNames[(index / 37) % awkwardNames.count]
        } else {
            name = "\(prefixes[Int(random.next() % UInt64(prefixes.count))]) \(subjects[Int(random.next() % UInt64(subjects.count))]) \(suffixes[index % suffixes.count])"
        }
        let slug = name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }.map(String.init).joined()
        let domain = index % 13 == 7 ? "" : "\(slug.prefix(24))\(index).onmicrosoft.com"
        let relationships: [RelationshipToPartner] = [.reseller, .reseller, .reseller, .advisor, .none]
        let selfLink = Link(uri: "/customers/\(id)", method: "GET", headers: [])
        return Customer(
            id: id,
            commerceId: random.uuid(),
            companyProfile: CompanyProfile(
                tenantId: id, domain: domain, companyName: name,
                links: Links(self_: Link(uri: "/customers/\(id)/profiles/company", method: "GET", headers: [])),
                attributes: ResourceAttributes(objectType: "CustomerCompanyProfile")
            ),
            relationshipToPartner: relationships[index % relationships.count],
            allowDelegatedAccess: index % 4 != 0,
            customDomains: [],
            links: Links(self_: selfLink),
            attributes: ResourceAttributes(etag: String(-Int(random.next() % 9_000_000_000)), objectType: "Customer")
        )
    }
}

/// A small, fast, seedable generator (SplitMix64), so sample data is the same everywhere.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A lowercase version-4-shaped UUID.
    mutating func uuid() -> String {
        let high = next(), low = next()
        let hex = String(format: "%016llx%016llx", high, low)
        let characters = Array(hex)
        func part(_ range: Range<Int>) -> String { String(characters[range]) }
        return "\(part(0..<8))-\(part(8..<12))-4\(part(13..<16))-a\(part(17..<20))-\(part(20..<32))"
    }
}
