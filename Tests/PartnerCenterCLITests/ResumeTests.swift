import Foundation
import PartnerCenterStub
import Testing

/// `--resume`: a listing stopped by `--max-pages` or by a failing page goes on in a new
/// process from the token it printed, with no customer repeated or skipped.
@Suite("Resumed listings")
struct ResumeTests {
    private static let reseller = SampleData.demoResellerTenantID

    /// The token after `--resume` in standard error.
    private func token(in stderr: String) throws -> String {
        let words = stderr.split(whereSeparator: \.isWhitespace)
        let index = try #require(words.firstIndex(of: "--resume"), "no resume token in:\n\(stderr)")
        return String(words[index + 1])
    }

    private func listing(_ extra: [String], stub: StubFixture) async throws -> CLIResult {
        try await CLI.run(["customers", "--reseller", Self.reseller, "--size", "50", "--format", "ndjson"] + extra, environment: stub.environment())
    }

    @Test func aListingStoppedByMaxPagesGoesOnInANewProcess() async throws {
        let stub = try StubFixture()
        let first = try await listing(["--max-pages", "2"], stub: stub)
        #expect(first.status == 0, "\(first)")
        let rest = try await listing(["--resume", try token(in: first.stderr)], stub: stub)
        #expect(rest.status == 0, "\(rest)")
        let ids = (first.stdout + rest.stdout).split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
        #expect(ids == stub.expectedCustomers().map(\.customer.id))
    }

    @Test func aListingStoppedByAFailingPageGoesOnFromThatPage() async throws {
        // The second request answers a body that is not JSON: exit 65, and where to go on.
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, faults: [.malformedBody(requests: [2])]))
        let first = try await listing([], stub: stub)
        #expect(first.status == 65, "\(first)")
        let rest = try await listing(["--resume", try token(in: first.stderr)], stub: stub)
        #expect(rest.status == 0, "\(rest)")
        let count = (first.stdout + rest.stdout).split(separator: "\n").count
        #expect(count == stub.expectedCustomers().count)
    }

    @Test func aTokenThatIsNotOneExits64() async throws {
        let stub = try StubFixture()
        let result = try await listing(["--resume", "garbage"], stub: stub)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("resume token"))
    }
}
