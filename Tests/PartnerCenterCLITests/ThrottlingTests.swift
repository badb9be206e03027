import PartnerCenterStub
import Testing

@Suite("Throttling")
struct ThrottlingTests {
    @Test func throttledRequestIsRetriedAndTheRunStillListsEveryCustomer() async throws {
        let stub = try StubFixture(StubConfiguration(defaultPageSize: 50, acceptedToken: testToken, faults: [.throttle(requests: [1], retryAfterSeconds: 1)]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == stub.expectedCustomers().map(\.customer.id))
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func retryWaitsTheSecondsRetryAfterAsks() async throws {
        let customers = Array(SampleData(customerCount: 12).entries.map(\.customer))
        let server = try ThrottlingServer(retryAfterSeconds: 1, customers: customers)
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json"], environment: ["PARTNER_CENTER_BASE_URL": server.baseURL, "PARTNER_CENTER_TOKEN": testToken]
        )
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == customers.map(\.id))
        let arrivals = server.arrivals
        try #require(arrivals.count == 2, "expected the throttled request and one retry, got \(arrivals.count) requests")
        // Exponential back-off alone would start at 0.25–0.5 s.
        #expect(arrivals[1] - arrivals[0] >= .milliseconds(950), "retried after \(arrivals[1] - arrivals[0]), not after Retry-After: 1")
    }
}
