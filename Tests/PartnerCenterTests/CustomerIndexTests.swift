@testable import PartnerCenterStub
import Testing

/// The stub's customer index selects exactly the customers a filter matches, tested on each
/// customer, and the merge reads them in order from any point.
@Suite struct CustomerIndexTests {
    private static let data = SampleData(customerCount: 3_000)

    /// The positions `query` matches, tested customer by customer, as the stub did before it had an index.
    private func scanned(_ query: CustomerQuery) -> [Int] {
        Self.data.entries.indices.filter { query.matches(Self.data.entries[$0]) }
    }

    private func indexed(_ query: CustomerQuery, after: Int = -1) -> [Int] {
        OrdinalMerge.first(.max, after: after, in: Self.data.index.matches(query))
    }

    static let queries: [CustomerQuery] = [
        CustomerQuery(field: nil, value: ""),
        CustomerQuery(field: .indirectReseller, value: SampleData.demoResellerTenantID.uppercased()),
        CustomerQuery(field: .indirectReseller, value: ""),
        CustomerQuery(field: .indirectReseller, value: "4"),
        CustomerQuery(field: .indirectReseller, value: "zz"),
        CustomerQuery(field: .companyName, value: "co"),
        CustomerQuery(field: .companyName, value: "WINGTIP BANK L"),
        CustomerQuery(field: .companyName, value: "müller"),
        CustomerQuery(field: .companyName, value: "=HYPER"),
        CustomerQuery(field: .companyName, value: ""),
        CustomerQuery(field: .domain, value: ""),
        CustomerQuery(field: .domain, value: "contoso"),
        CustomerQuery(field: .domain, value: "CONTOSOBANKLTD"),
        CustomerQuery(field: .domain, value: "wingtipbankltd0"),
        CustomerQuery(field: .domain, value: "wingtipbankltd0.onmicrosoft.com"),
        CustomerQuery(field: .domain, value: "wingtipbankltd0.onmicrosoft.comx"),
        CustomerQuery(field: .domain, value: "4"),
        CustomerQuery(field: .domain, value: "42"),
        CustomerQuery(field: .domain, value: "42."),
        CustomerQuery(field: .domain, value: "0"),
        CustomerQuery(field: .domain, value: "04"),
        CustomerQuery(field: .domain, value: "1telecom"),
        CustomerQuery(field: .domain, value: "1telecom1"),
        CustomerQuery(field: .domain, value: "99999999999999999999"),
        CustomerQuery(field: .indirectCloudSolutionProvider, value: ""),
        CustomerQuery(field: .indirectCloudSolutionProvider, value: "a"),
    ]

    @Test(arguments: queries)
    func theIndexMatchesWhatTestingEachCustomerMatches(_ query: CustomerQuery) {
        #expect(indexed(query) == scanned(query))
    }

    @Test(arguments: [CustomerQuery(field: .companyName, value: "c"), CustomerQuery(field: .domain, value: "1")])
    func theMatchesAfterAnyPositionAreTheRestInOrder(_ query: CustomerQuery) {
        let all = scanned(query)
        #expect(!all.isEmpty)
        for after in [-1, 0, all[all.count / 2] - 1, all[all.count / 2], all[all.count - 1], 10_000] {
            #expect(indexed(query, after: after) == all.filter { $0 > after })
        }
        #expect(OrdinalMerge.first(3, after: all[0], in: Self.data.index.matches(query)) == Array(all.dropFirst().prefix(3)))
    }

    @Test func positionRangesAreThePositionsWhoseDomainTailStartsWithTheText() {
        let count = 2_500
        for text in ["1", "12", "0", "00", "07", "250", "2500", "1.", "12.onmicrosoft.com", "12.onmicrosoft.com.", "12x", "x", "1\u{301}"] {
            let expected = (0..<count).filter { "\($0).onmicrosoft.com".hasPrefix(text) }
            #expect(CustomerIndex.positionRanges(whoseDomainTailStartsWith: text[...], below: count).flatMap { Array($0) } == expected, "\(text)")
        }
    }
}
