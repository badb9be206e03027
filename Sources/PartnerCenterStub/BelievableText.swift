/// Text a Partner Center user would recognise, chosen by the name of the value it is for:
/// GUIDs for the ids Partner Center writes as GUIDs, product-style codes for the others,
/// MPN ids as digits, ISO 4217 currencies and ISO 3166 countries, date-times for dates, company, people and
/// product names, addresses. What ``SchemaExample`` makes for a string with no format, enum
/// or const; nil when the name says nothing.
enum BelievableText {
    /// - Parameters:
    ///   - name: The property's name (`customerId`, `currencyCode`, `invoiceDate`…).
    ///   - linkPath: What a link's `uri` points at: the stub's own path of the resource.
    static func text(for name: String, linkPath: String?, random: inout SplitMix64) -> String? {
        let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
        func pick(_ choices: [String]) -> String { choices[Int(random.next() % UInt64(choices.count))] }
        if key.hasSuffix("mpnid") { return String(1_000_000 + random.next() % 9_000_000) }
        if codeIDs.contains(key) { return code(&random) }
        if key == "id" || name.hasSuffix("Id") || name.hasSuffix("ID") || name.hasSuffix("-id") || key.hasSuffix("tenantid") {
            return random.uuid()
        }
        if let fixed = fixedChoices[key] { return pick(fixed) }
        if key == "uri" || key == "url" || key == "href" { return linkPath ?? "/" }
        if key == "etag" { return "-\(1_000_000_000 + random.next() % 1_000_000_000)" }
        if key.hasSuffix("date") || key.hasSuffix("time") || key.hasSuffix("timestamp") || name.hasSuffix("At") || key.hasPrefix("date") {
            return "2026-0\(1 + random.next() % 9)-1\(random.next() % 10)T\(10 + random.next() % 10):00:00Z"
        }
        if key.hasSuffix("domain") || key.hasSuffix("domainname") { return "\(pick(companies).lowercased().filter(\.isLetter)).onmicrosoft.com" }
        if key.hasSuffix("email") || key == "userprincipalname" || key == "username" {
            return "\(pick(firstNames).lowercased())@\(pick(companies).lowercased().filter(\.isLetter)).onmicrosoft.com"
        }
        if key.hasSuffix("currency") || key.hasSuffix("currencycode") { return pick(["USD", "EUR", "GBP", "JPY"]) }
        if key.hasSuffix("country") || key.hasSuffix("countrycode") { return pick(["US", "GB", "DE", "FR", "JP"]) }
        if ["offername", "productname", "skuname", "subscriptionname", "subscriptiondescription", "title"].contains(key) { return pick(products) }
        if key.hasSuffix("name") && !key.hasSuffix("firstname") && !key.hasSuffix("lastname") { return pick(companies) }
        return nil
    }

    /// Ids Partner Center writes as codes, not GUIDs (`DZH318Z0BQ3Q`, `G000024132`).
    private static let codeIDs: Set<String> = [
        "orderid", "invoiceid", "invoicenumber", "productid", "skuid", "availabilityid", "offerid", "catalogitemid", "durableofferid",
        "referenceid",
    ]

    private static let companies = ["Contoso Ltd", "Fabrikam Inc", "Wingtip Toys", "Tailspin Toys", "Northwind Traders", "Adventure Works"]
    private static let firstNames = ["Adele", "Alex", "Megan", "Lynne", "Isaiah", "Nestor"]
    private static let products = ["Microsoft 365 Business Standard", "Microsoft 365 E3", "Azure plan", "Dynamics 365 Sales Enterprise", "Office 365 E1"]

    private static let fixedChoices: [String: [String]] = [
        "culture": ["en-US", "fr-FR", "de-DE"], "locale": ["en-US", "fr-FR", "de-DE"], "language": ["en", "fr", "de"],
        "firstname": firstNames, "lastname": ["Vance", "Wilber", "Bowen", "Robbins", "Grady", "Nelson"],
        "phonenumber": ["4255550100", "2065550199"], "city": ["Redmond", "Seattle", "London", "Munich"],
        "state": ["WA", "CA", "NY"], "region": ["WA", "CA", "NY"], "postalcode": ["98052", "98101", "10001"],
        "addressline1": ["One Microsoft Way", "1 Contoso Street", "500 Fabrikam Avenue"], "addressline2": ["Building 92", "Suite 100"],
        "addressline3": ["Floor 2"], "termduration": ["P1M", "P1Y", "P3Y"], "unittype": ["Licenses", "Hours"],
    ]

    /// Twelve letters and digits, as Partner Center's product and order ids.
    private static func code(_ random: inout SplitMix64) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")
        return String((0..<12).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }
}
