/// The sample customers' positions by what a customers filter matches, so that a page costs
/// the same whether the stub holds two thousand customers or a million.
///
/// A filter is `starts_with` on one field, case-insensitive. Each field's index keeps, for
/// each distinct value (a reseller, a company name, the start of a domain), the ascending
/// positions of the customers with it: a query tests the few distinct values instead of every
/// customer, and its matches are the union of their position lists (``OrdinalMerge`` reads
/// them in order). Domains are `<slug><position>.onmicrosoft.com` (see ``SampleCustomers``),
/// so they are indexed by slug, and the position digits of a longer prefix are ranges of positions.
struct CustomerIndex: Sendable {
    /// Every position: what no filter (or a filter every customer matches) selects.
    private let everyone: [Int32]
    /// By reseller number (a customer's reseller is its position modulo the reseller count).
    private let byReseller: [[Int32]]
    private let resellerTenantIDs: [String]
    /// By name number (``SampleCustomers/names``).
    private let byName: [[Int32]]
    private static let lowercasedNames = SampleCustomers.names.map { $0.lowercased() }
    /// The distinct domain slugs, and by slug number the customers with a domain that starts with it.
    private let slugs: [String]
    private let bySlug: [[Int32]]

    /// Indexes `count` sample customers (at most `Int32.max`) of the resellers `resellerTenantIDs`.
    init(count: Int, resellerTenantIDs: [String]) {
        var byReseller = [[Int32]](repeating: [], count: resellerTenantIDs.count)
        var byName = [[Int32]](repeating: [], count: SampleCustomers.names.count)
        var slugs: [String] = []
        var slugNumbers: [String: Int] = [:]
        let slugOfName = SampleCustomers.slugs.map { slug in
            if let number = slugNumbers[slug] { return number }
            slugNumbers[slug] = slugs.count
            slugs.append(slug)
            return slugs.count - 1
        }
        var bySlug = [[Int32]](repeating: [], count: slugs.count)
        for position in 0..<count {
            let name = SampleCustomers.nameNumber(of: position)
            byReseller[position % resellerTenantIDs.count].append(Int32(position))
            byName[name].append(Int32(position))
            if !SampleCustomers.hasEmptyDomain(position) { bySlug[slugOfName[name]].append(Int32(position)) }
        }
        everyone = (0..<count).map { Int32($0) }
        self.byReseller = byReseller
        self.resellerTenantIDs = resellerTenantIDs.map { $0.lowercased() }
        self.byName = byName
        self.slugs = slugs
        self.bySlug = bySlug
    }

    /// The ascending position lists whose union is the customers `query` matches; no two share a position.
    func matches(_ query: CustomerQuery) -> [ArraySlice<Int32>] {
        let value = query.value.lowercased()
        switch query.field {
        case nil: return [everyone[...]]
        case .indirectReseller:
            return resellerTenantIDs.indices.filter { resellerTenantIDs[$0].hasPrefix(value) }.map { byReseller[$0][...] }
        case .companyName:
            return Self.lowercasedNames.indices.filter { Self.lowercasedNames[$0].hasPrefix(value) }.map { byName[$0][...] }
        case .domain: return domainMatches(value)
        case .indirectCloudSolutionProvider:
            // The sample customers have none: only a prefix that matches "" matches them.
            return value.isEmpty ? [everyone[...]] : []
        }
    }

    /// The customers whose domain starts with `prefix` (lowercase).
    private func domainMatches(_ prefix: String) -> [ArraySlice<Int32>] {
        // Every domain starts with "", the empty ones included.
        if prefix.isEmpty { return [everyone[...]] }
        var lists: [ArraySlice<Int32>] = []
        for (number, slug) in slugs.enumerated() {
            if slug.hasPrefix(prefix) {
                lists.append(bySlug[number][...])
            } else if prefix.hasPrefix(slug) {
                let rest = prefix.dropFirst(slug.count)
                lists += Self.positionRanges(whoseDomainTailStartsWith: rest, below: everyone.count).map { range in
                    bySlug[number].slice(in: range)
                }
            }
        }
        return lists
    }

    /// The ascending, disjoint ranges of positions `p < count` for which `"\(p).onmicrosoft.com"` starts with `text`.
    static func positionRanges(whoseDomainTailStartsWith text: Substring, below count: Int) -> [Range<Int>] {
        let digits = text.prefix { ("0"..."9").contains($0) && $0.isASCII }
        let rest = text.dropFirst(digits.count)
        guard let number = Int(digits), String(number) == digits else { return [] }
        if !rest.isEmpty {
            // The digits are the whole position, and what follows them must be the suffix's start.
            return ".onmicrosoft.com".hasPrefix(rest) && number < count ? [number..<number + 1] : []
        }
        // The positions whose digits start with these: number, number·10…number·10+9, and so on.
        guard number > 0 else { return count > 0 ? [0..<1] : [] }
        var ranges: [Range<Int>] = []
        var (low, high) = (number, number + 1)
        while low < count {
            ranges.append(low..<min(high, count))
            let (nextLow, lowOverflow) = low.multipliedReportingOverflow(by: 10)
            let (nextHigh, highOverflow) = high.multipliedReportingOverflow(by: 10)
            guard !lowOverflow, !highOverflow else { break }
            (low, high) = (nextLow, nextHigh)
        }
        return ranges
    }
}

extension Array<Int32> {
    /// The part of this ascending list within `range`.
    func slice(in range: Range<Int>) -> ArraySlice<Int32> {
        self[firstIndex(notBelow: range.lowerBound)..<firstIndex(notBelow: range.upperBound)]
    }
}

extension RandomAccessCollection<Int32> {
    /// The index of the first element `>= value` in this ascending collection (binary search).
    func firstIndex(notBelow value: Int) -> Index {
        var low = startIndex, count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if Int(self[middle]) < value {
                low = index(after: middle)
                count -= half + 1
            } else {
                count = half
            }
        }
        return low
    }
}
