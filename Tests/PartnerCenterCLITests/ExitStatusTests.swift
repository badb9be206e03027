import Foundation
import PartnerCenterStub
import Testing

/// Exit codes (sysexits.h) and the separation of data (stdout) from errors (stderr).
@Suite("Exit status")
struct ExitStatusTests {
    @Test(arguments: [
        ["--reseller", ""],
        ["--reseller", demoReseller, "--size", "0"],
        ["--reseller", demoReseller, "--size", "501"],
        ["--reseller", demoReseller, "--max-pages", "0"],
        ["--reseller", demoReseller, "--correlation-id", "not-a-guid"],
        ["--reseller", demoReseller, "--format", "xml"],
    ])
    func invalidArgumentsExit64BeforeAnyRequest(arguments: [String]) async throws {
        let server = try CountingServer()
        let result = try await CLI.run(["customers"] + arguments, environment: ["PARTNER_CENTER_BASE_URL": server.baseURL, "PARTNER_CENTER_TOKEN": testToken])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("Error:"), "\(result)")
        #expect(server.requestCount == 0)
    }

    /// Every command that follows pages takes `--max-pages` alike.
    @Test(arguments: [["gdap", "list"], ["call", "listCustomers"], ["customers", "--reseller", demoReseller]])
    func noPagesAtAllIsRefusedByEveryListingCommand(command: [String]) async throws {
        let server = try CountingServer()
        let result = try await CLI.run(command + ["--max-pages", "0"], environment: ["PARTNER_CENTER_BASE_URL": server.baseURL, "PARTNER_CENTER_TOKEN": testToken])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("--max-pages must be at least 1, got 0."), "\(result)")
        #expect(server.requestCount == 0)
    }

    @Test func anEmptyResellerIsRefusedBeforeTheDemoStubStarts() async throws {
        let result = try await CLI.run(["customers", "--reseller", " "])
        #expect(result.status == 64)
        #expect(result.stderr.contains("got ' '"), "\(result)")
        #expect(!result.stderr.contains("demo data"), "validation must fail before the demo stub starts")
    }

    @Test func wrongTokenExits77WithOneLineNamingTheStatusAndRequestID() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: stub.environment(token: "WRONG-TOKEN-0123456789"))
        #expect(result.status == 77, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let lines = result.stderrLines
        try #require(lines.count == 1, "\(result)")
        #expect(lines[0].contains("HTTP 401"))
        #expect(requestID(in: lines[0]) != nil, "no MS-RequestId in: \(lines[0])")
    }

    @Test func serverErrorsExit69AfterRetrying() async throws {
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, faults: [.serverError(requests: .range(1...10), status: 500)]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: stub.environment())
        #expect(result.status == 69, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        let lines = result.stderrLines
        try #require(lines.count == 1, "\(result)")
        #expect(lines[0].contains("HTTP 500"))
        #expect(requestID(in: lines[0]) != nil, "no MS-RequestId in: \(lines[0])")
    }

    @Test func malformedBodyExits65SayingTheResponseIsMalformed() async throws {
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, faults: [.malformedBody(requests: [1])]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: stub.environment())
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("malformed response"), "\(result)")
    }

    @Test func malformedLaterPageExits65WithoutPartialJSON() async throws {
        let stub = try StubFixture(StubConfiguration(defaultPageSize: 7, acceptedToken: testToken, faults: [.malformedBody(requests: [3])]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: stub.environment())
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty, "a half-written JSON array must not reach stdout: \(result)")
    }

    @Test func customerBreakingTheSpecExits65NamingTheJSONPointer() async throws {
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, faults: [.invalidCustomer(requests: [1])]))
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--validation", "strict"], environment: stub.environment())
        #expect(result.status == 65, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("/items/0/id"), "\(result)")
        // The default for json: every customer printed as received, the violation named, still 65.
        let stubAgain = try StubFixture(StubConfiguration(acceptedToken: testToken, faults: [.invalidCustomer(requests: [1])]))
        let warned = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: stubAgain.environment())
        #expect(warned.status == 65, "\(warned)")
        #expect(!warned.stdout.isEmpty, "\(warned)")
        #expect(warned.stderr.contains("warning: page 1: /items/0/id"), "\(warned)")
    }

    @Test func noServerListeningExits74() async throws {
        let closed = try ClosedPort()
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_BASE_URL": closed.baseURL, "PARTNER_CENTER_TOKEN": testToken]
        )
        #expect(result.status == 74, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
    }

    @Test func baseURLWithoutCredentialsExits64InsteadOfUsingTheDemo() async throws {
        let server = try CountingServer()
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_BASE_URL": server.baseURL])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        #expect(result.stderr.contains("PARTNER_CENTER_TOKEN"), "\(result)")
        #expect(!result.stderr.contains("demo data"), "\(result)")
        #expect(server.requestCount == 0)
    }

    @Test func incompleteAppUserCredentialsExit64NamingTheMissingVariables() async throws {
        let result = try await CLI.run(["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_TENANT_ID": "contoso.onmicrosoft.com"])
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty, "\(result)")
        for missing in ["PARTNER_CENTER_CLIENT_ID", "PARTNER_CENTER_CLIENT_SECRET", "PARTNER_CENTER_REFRESH_TOKEN"] {
            #expect(result.stderr.contains(missing), "\(missing) not named: \(result)")
        }
        #expect(!result.stderr.contains("also set PARTNER_CENTER_TENANT_ID"), "\(result)")
        #expect(!result.stderr.contains("demo data"), "\(result)")
    }
}
