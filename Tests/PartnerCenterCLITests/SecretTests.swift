import PartnerCenterStub
import Testing

/// The token never appears in any output, on success or failure.
@Suite("No secret in output")
struct SecretTests {
    static let secret = "SECRET-abcdef1234567890"

    enum Scenario: String, CaseIterable, Sendable {
        case success, rejectedToken, serverError, malformedBody, invalidCustomer

        var configuration: StubConfiguration {
            switch self {
            case .success: StubConfiguration(defaultPageSize: 50, acceptedToken: SecretTests.secret)
            case .rejectedToken: StubConfiguration(acceptedToken: "SOMETHING-ELSE-0123456789")
            case .serverError: StubConfiguration(acceptedToken: SecretTests.secret, faults: [.serverError(requests: .range(1...10), status: 503)])
            case .malformedBody: StubConfiguration(acceptedToken: SecretTests.secret, faults: [.malformedBody(requests: [1])])
            case .invalidCustomer: StubConfiguration(acceptedToken: SecretTests.secret, faults: [.invalidCustomer(requests: [1])])
            }
        }

        var expectedStatus: Int32 {
            switch self {
            case .success: 0
            case .rejectedToken: 77
            case .serverError: 69
            case .malformedBody, .invalidCustomer: 65
            }
        }
    }

    @Test(arguments: Scenario.allCases, ["json", "table", "csv"])
    func tokenAppearsInNeitherStdoutNorStderr(scenario: Scenario, format: String) async throws {
        let stub = try StubFixture(scenario.configuration)
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", format], environment: stub.environment(token: Self.secret))
        #expect(result.status == scenario.expectedStatus, "\(result)")
        #expect(!result.stdout.contains(Self.secret))
        #expect(!result.stderr.contains(Self.secret))
        #expect(!result.stderr.contains("abcdef1234567890"))
    }

    @Test(arguments: Scenario.allCases)
    func verboseLinesNameNoToken(scenario: Scenario) async throws {
        let stub = try StubFixture(scenario.configuration)
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "ndjson", "-vv"], environment: stub.environment(token: Self.secret)
        )
        #expect(result.status == scenario.expectedStatus, "\(result)")
        #expect(!result.stderr.contains("abcdef1234567890"))
        let attempts = result.stderrLines.filter { $0.contains(" debug ") && $0.contains("getCustomersOfIndirectReseller: GET /v1/customers") }
        #expect(!attempts.isEmpty, "\(result.stderr)")
        #expect(result.stderr.contains("Authorization: REDACTED"))
        if scenario == .serverError {
            #expect(result.stderrLines.contains { $0.contains(" notice ") && $0.contains("retrying after HTTP 503") })
        }
    }
}
