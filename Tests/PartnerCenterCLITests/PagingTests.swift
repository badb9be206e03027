import PartnerCenterStub
import Testing

@Suite("Paging")
struct PagingTests {
    @Test func smallPagesGiveTheSameCustomersAsOneLargePage() async throws {
        let stub = try StubFixture()
        let expected = stub.expectedCustomers().map(\.customer.id)
        async let small = CLI.run(["customers", "--reseller", demoReseller, "--format", "json", "--size", "7"], environment: stub.environment())
        async let large = CLI.run(["customers", "--reseller", demoReseller, "--format", "json", "--size", "500"], environment: stub.environment())
        let (smallResult, largeResult) = try await (small, large)
        #expect(smallResult.status == 0, "\(smallResult)")
        #expect(largeResult.status == 0, "\(largeResult)")
        try #require(expected.count > 7 * 2 && expected.count <= 500)
        #expect(try idsOfJSONArray(smallResult.stdout) == expected)
        #expect(try idsOfJSONArray(largeResult.stdout) == expected)
    }

    @Test func maxPagesStopsAfterThatManyPages() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json", "--size", "7", "--max-pages", "2"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers().prefix(14).map(\.customer.id))
        #expect(result.stderr.contains("stopped after 2 pages (--max-pages); there are more"), "\(result)")
    }

    @Test func aCompleteListingSaysNothingAboutMorePages() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json", "--size", "500", "--max-pages", "1"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("there are more"), "\(result)")
    }
}
