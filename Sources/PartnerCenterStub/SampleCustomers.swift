import PartnerCenter

/// How sample customer number `i` is made, from `i` alone, so that the stub holds no customer
/// but makes each one when a response needs it.
///
/// Every value comes from one SplitMix64 stream: 15 draws for the five generated resellers
/// (see ``SampleData``), then for each customer its id (2 draws), its name's prefix and
/// subject (2 draws, none for an awkward name), its commerce id (2) and its ETag (1). Where
/// customer `i`'s draws start is therefore a sum known in closed form (``firstDraw(of:)``).
enum SampleCustomers {
    static let seed: UInt64 = 0x5EED_CAFE
    /// The draws made for the resellers, before the first customer's.
    static let resellerDraws = 15
    /// Every `awkwardInterval`-th customer, from number `awkwardOffset`, has an awkward name.
    private static let awkwardInterval = 37
    private static let awkwardOffset = 5

    /// The number of the first draw of customer `index`.
    static func firstDraw(of index: Int) -> Int {
        let awkwardBefore = index / awkwardInterval + (index % awkwardInterval > awkwardOffset ? 1 : 0)
        return resellerDraws + 7 * index - 2 * awkwardBefore
    }

    /// The bits of customer `index`'s id.
    static func idBits(of index: Int) -> UUIDBits {
        var random = SplitMix64(seed: seed, skipping: firstDraw(of: index))
        return random.nextUUIDBits()
    }

    /// The number of customer `index`'s company name in ``names``.
    static func nameNumber(of index: Int) -> Int {
        var random = SplitMix64(seed: seed, skipping: firstDraw(of: index) + 2)
        return nameNumber(of: index, random: &random)
    }

    /// Customer `index`'s domain: its name's ``slugs`` entry and its number, empty for every 13th.
    static func domain(of index: Int, nameNumber: Int) -> String {
        hasEmptyDomain(index) ? "" : "\(slugs[nameNumber])\(index).onmicrosoft.com"
    }

    /// Whether customer `index`'s domain is `""` (the public doc's sample has one).
    static func hasEmptyDomain(_ index: Int) -> Bool {
        index % 13 == 7
    }

    /// Customer `index`, the same on every run.
    static func customer(_ index: Int) -> Customer {
        var random = SplitMix64(seed: seed, skipping: firstDraw(of: index))
        let id = random.uuid()
        let number = nameNumber(of: index, random: &random)
        let name = names[number]
        let relationships: [RelationshipToPartner] = [.reseller, .reseller, .reseller, .advisor, .none_]
        return Customer(
            id: id,
            commerceId: random.uuid(),
            companyProfile: CompanyProfile(
                tenantId: id, domain: domain(of: index, nameNumber: number), companyName: name,
                links: Links(self_: Link(uri: "/customers/\(id)/profiles/company", method: "GET", headers: [])),
                attributes: ResourceAttributes(objectType: "CustomerCompanyProfile")
            ),
            relationshipToPartner: relationships[index % relationships.count],
            allowDelegatedAccess: index % 4 != 0,
            customDomains: [],
            links: Links(self_: Link(uri: "/customers/\(id)", method: "GET", headers: [])),
            attributes: ResourceAttributes(etag: String(-Int(random.next() % 9_000_000_000)), objectType: "Customer")
        )
    }

    /// The name number of customer `index`, `random` at its name's draws (which it makes).
    private static func nameNumber(of index: Int, random: inout SplitMix64) -> Int {
        if index % awkwardInterval == awkwardOffset {
            return generatedNameCount + (index / awkwardInterval) % awkwardNames.count
        }
        let prefix = Int(random.next() % UInt64(prefixes.count))
        let subject = Int(random.next() % UInt64(subjects.count))
        return (prefix * subjects.count + subject) * suffixes.count + index % suffixes.count
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
    private static let generatedNameCount = prefixes.count * subjects.count * suffixes.count

    /// Every company name a sample customer can have, by name number: "prefix subject suffix"
    /// for each combination, then the awkward ones.
    static let names: [String] = (0..<generatedNameCount).map { number in
        let suffix = number % suffixes.count, subject = (number / suffixes.count) % subjects.count
        let prefix = number / (suffixes.count * subjects.count)
        return "\(prefixes[prefix]) \(subjects[subject]) \(suffixes[suffix])"
    } + awkwardNames

    /// The start of the domain of each name: its lowercase ASCII letters and digits, at most 24.
    static let slugs: [String] = names.map { name in
        let slug = name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return String(String(String.UnicodeScalarView(slug)).prefix(24))
    }
}
