import Foundation
import PartnerCenterStub
import Testing

/// Every output format against an in-process stub that pages every 7 customers.
@Suite("Output formats")
struct OutputFormatTests {
    private func stubPagingBySeven() throws -> StubFixture {
        try StubFixture(StubConfiguration(defaultPageSize: 7, acceptedToken: testToken))
    }

    @Test func jsonIsOneArrayOfEveryCustomerAcrossAllPagesInOrder() async throws {
        let stub = try stubPagingBySeven()
        let expected = stub.expectedCustomers()
        try #require(expected.count > 7 * 3)
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == expected.map(\.customer.id))
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func jsonIsTheDefaultWhenStdoutIsNotATerminal() async throws {
        let stub = try stubPagingBySeven()
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers().map(\.customer.id))
    }

    @Test func ndjsonIsOneCompactObjectPerLine() async throws {
        let stub = try stubPagingBySeven()
        let expected = stub.expectedCustomers()
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "ndjson"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("\n"))
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == expected.count)
        var ids: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
            ids.append(try #require(object["id"] as? String))
        }
        #expect(ids == expected.map(\.customer.id))
    }

    @Test func tableHasAHeaderARowPerCustomerAndACountLine() async throws {
        let stub = try stubPagingBySeven()
        let expected = stub.expectedCustomers()
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "table"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Header, one line per customer (a line break in a name must not split a row), count line, final newline.
        try #require(lines.count == expected.count + 3, "\(result)")
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true) == ["ID", "COMPANY", "DOMAIN", "RELATIONSHIP"])
        for (line, entry) in zip(lines.dropFirst(), expected) {
            #expect(line.hasPrefix(entry.customer.id + " "), "row \(line) should be \(entry.customer.id)")
            let name = (entry.customer.companyProfile?.companyName ?? "").replacingOccurrences(of: "\n", with: " ")
            #expect(line.contains(name), "row \(line) should show \(name)")
        }
        #expect(lines[expected.count + 1] == "\(expected.count) customers")
        #expect(lines[expected.count + 2] == "")
    }

    /// Names with a comma, a quote or a line break land with different resellers: check them all.
    @Test func tableColumnsAlignForWideCharacters() async throws {
        // The reseller whose customers include a Japanese name (two columns per character).
        let stub = try StubFixture()
        let wide = "株式会社サンプル商事"
        let reseller = try #require(stub.stub.data.entries.first { $0.customer.companyProfile?.companyName == wide }?.resellerTenantID)
        let result = try await CLI.run(["customers", "--reseller", reseller, "--format", "table"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        let domainColumn = try #require(header.range(of: "DOMAIN")).lowerBound.utf16Offset(in: header)
        let row = try #require(lines.first { $0.contains(wide) })
        // Columns taken before the domain: ASCII one each, the ten CJK characters two each.
        let prefixEnd = try #require(row.range(of: wide)).upperBound
        let spaces = row[prefixEnd...].prefix { $0 == " " }.count
        let columns = row[..<prefixEnd].count + wide.count + spaces
        #expect(columns == domainColumn, "\(row)")
    }

    @Test(arguments: SampleData().resellers.map(\.tenantID))
    func csvRoundTripsAwkwardNamesExactly(reseller: String) async throws {
        let stub = try stubPagingBySeven()
        let expected = stub.expectedCustomers(of: reseller)
        let names = expected.compactMap(\.customer.companyProfile?.companyName)
        try #require(names.contains { $0.contains(",") || $0.contains("\"") || $0.contains("\n") }, "the sample data lost its awkward names")
        let result = try await CLI.run(["customers", "--reseller", reseller, "--format", "csv-raw"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout)
        #expect(records == [["id", "companyName", "domain", "relationshipToPartner"]] + expected.map(csvFields))
        #expect(expected.contains { $0.customer.companyProfile?.domain == "" }, "the sample data should include empty domains")
        for name in names where name.contains("\n") {
            let quoted = "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            #expect(result.stdout.contains(quoted), "a name with a line break must be quoted")
        }
    }

    @Test(arguments: SampleData().resellers.map(\.tenantID))
    func csvWritesFormulasAsText(reseller: String) async throws {
        let stub = try stubPagingBySeven()
        let expected = stub.expectedCustomers(of: reseller)
        let result = try await CLI.run(["customers", "--reseller", reseller, "--format", "csv"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout)
        let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]
        let neutralised = expected.map(csvFields).map { fields in
            fields.map { field in field.first.map(formulaStarts.contains) == true ? "'" + field : field }
        }
        #expect(records == [["id", "companyName", "domain", "relationshipToPartner"]] + neutralised)
        for record in records.dropFirst() {
            #expect(!record.contains { $0.first.map(formulaStarts.contains) == true }, "a field a spreadsheet would run: \(record)")
        }
    }

    @Test func sampleDataPutsAFormulaInNames() {
        let names = SampleData().entries.compactMap(\.customer.companyProfile?.companyName)
        for mark in ["=", "+", "-", "@"] {
            #expect(names.contains { $0.hasPrefix(mark) }, "no name starts with \(mark): the formula test tests too little")
        }
    }

    @Test func sampleDataPutsACommaAQuoteAndALineBreakInNames() {
        let names = SampleData().entries.compactMap(\.customer.companyProfile?.companyName)
        for mark in [",", "\"", "\n"] {
            #expect(names.contains { $0.contains(mark) }, "no name contains \(mark.debugDescription): the CSV round trip tests too little")
        }
    }

    @Test func baseURLOptionWinsOverTheEnvironmentVariable() async throws {
        let stub = try stubPagingBySeven()
        let closed = try ClosedPort()
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json", "--base-url", stub.baseURL],
            environment: ["PARTNER_CENTER_BASE_URL": closed.baseURL, "PARTNER_CENTER_TOKEN": testToken]
        )
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers().map(\.customer.id))
    }
}
