import Foundation
import PartnerCenterStub
import TestSupport
import Testing

@Suite("stub serve")
struct StubServeTests {
    @Test func servesOnAFreePortPrintsItsURLAndAnswersTheCLI() async throws {
        let server = try await BackgroundProcess(["stub", "serve", "--port", "0", "--customers", "50", "--page-size", "5", "--token", "T"])
        let line = await server.firstLine(within: 10)
        let url = try #require(line.flatMap { URL(string: $0) }, "no base URL on stdout; stderr: \(server.stderr)")
        #expect(url.scheme == "http" && url.host == "127.0.0.1" && (url.port ?? 0) > 0, "\(url)")

        let expected = SampleData(customerCount: 50).entries.filter { $0.resellerTenantID == demoReseller }.map(\.customer.id)
        try #require(expected.count > 5, "the check needs more than one page")
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json"],
            environment: ["PARTNER_CENTER_BASE_URL": url.absoluteString, "PARTNER_CENTER_TOKEN": "T"]
        )
        #expect(result.status == 0, "\(result)")
        #expect(try idsOfJSONArray(result.stdout) == expected)

        let rejected = try await CLI.run(
            ["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_BASE_URL": url.absoluteString, "PARTNER_CENTER_TOKEN": "not-T"]
        )
        #expect(rejected.status == 77, "--token must restrict the accepted token: \(rejected)")

        #expect(server.isRunning, "the server must run until stopped")
        await server.terminate()
        #expect(!server.isRunning)
    }

    @Test func faultOptionsInjectThrottlingAndFailures() async throws {
        let throttling = try await BackgroundProcess(["stub", "serve", "--customers", "60", "--page-size", "5", "--throttle-every", "2"])
        let throttlingURL = try #require(await throttling.firstLine(within: 10), "stderr: \(throttling.stderr)")
        let retried = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json"],
            environment: ["PARTNER_CENTER_BASE_URL": throttlingURL, "PARTNER_CENTER_TOKEN": "t"]
        )
        #expect(retried.status == 0, "every other request throttled, each retried after 1 s: \(retried)")
        #expect(try idsOfJSONArray(retried.stdout) == SampleData(customerCount: 60).entries.filter { $0.resellerTenantID == demoReseller }.map(\.customer.id))
        await throttling.terminate()

        let failing = try await BackgroundProcess(["stub", "serve", "--fail-every", "1"])
        let failingURL = try #require(await failing.firstLine(within: 10), "stderr: \(failing.stderr)")
        let failed = try await CLI.run(
            ["customers", "--reseller", demoReseller], environment: ["PARTNER_CENTER_BASE_URL": failingURL, "PARTNER_CENTER_TOKEN": "t"]
        )
        #expect(failed.status == 69, "\(failed)")
        #expect(failed.stderr.contains("HTTP 503"), "\(failed)")
        await failing.terminate()
    }

    @Test func signInToTheServedStubThenListWithTheKeptSignInTwice() async throws {
        // Access tokens that are stale at once: every command renews with the kept refresh
        // token, and the stub takes each refresh token only once.
        let server = try await BackgroundProcess(["stub", "serve", "--customers", "50", "--access-token-lifetime", "0"])
        let url = try #require(await server.firstLine(within: 10), "stderr: \(server.stderr)")
        let home = try ConfigHome()
        var environment = home.environment
        environment["PARTNER_CENTER_AUTHORITY"] = url
        let login = try await CLI.run(["login", "--client-id", "demo"], environment: environment)
        #expect(login.status == 0, "\(login)")
        #expect(login.stderr.contains("signed in as demo.admin@contoso.onmicrosoft.com"), "\(login)")
        environment["PARTNER_CENTER_BASE_URL"] = url
        var refreshTokens = [try #require(try home.keptRefreshToken())]
        for _ in 0..<2 {
            let result = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(try idsOfJSONArray(result.stdout) == SampleData(customerCount: 50).entries.filter { $0.resellerTenantID == demoReseller }.map(\.customer.id))
            refreshTokens.append(try #require(try home.keptRefreshToken()))
        }
        #expect(Set(refreshTokens).count == 3, "each run kept the rotated refresh token, and the next run spent it")
        await server.terminate()
    }

    @Test func signInOptionDeclines() async throws {
        let server = try await BackgroundProcess(["stub", "serve", "--customers", "1", "--sign-in", "decline"])
        let url = try #require(await server.firstLine(within: 10), "stderr: \(server.stderr)")
        let home = try ConfigHome()
        let login = try await CLI.run(["login", "--client-id", "demo"], environment: home.environment(authority: try #require(URL(string: url))))
        #expect(login.status == 77, "\(login)")
        #expect(login.stderr.contains("the sign-in was declined"), "\(login)")
        await server.terminate()
    }

    /// What a broken or hostile client may send, each of which once could stop the server.
    static let hostileRequests: [[UInt8]] = [
        Array("POST /v1/customers HTTP/1.1\r\nContent-Length: -5\r\n\r\n".utf8),
        Array("POST /v1/customers HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n".utf8),
        Array("POST /v1/customers HTTP/1.1\r\nContent-Length: abc\r\n\r\n".utf8),
        Array("POST /v1/customers HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n".utf8),
        Array("\r\n\r\n".utf8),
        Array("GET /v1/customers HTTP/1.1\r\nX: ".utf8) + [0xFF, 0x00, 0xC3] + Array("\r\n\r\n".utf8),
        Array(("GET / HTTP/1.1\r\n" + String(repeating: "X-Flood: 1\r\n", count: 5_000) + "\r\n").utf8),
        Array("GET /v1/customers?size=-1&filter=%ZZ HTTP/1.1\r\nAuthorization: Bearer t\r\n\r\n".utf8),
    ]

    @Test func survivesHostileRequestsAndKeepsServing() async throws {
        let server = try await BackgroundProcess(["stub", "serve", "--customers", "20"])
        let line = await server.firstLine(within: 10)
        let url = try #require(line.flatMap { URL(string: $0) }, "no base URL on stdout; stderr: \(server.stderr)")
        let port = try #require(url.port)
        let statuses = try await offThePool { () -> [Int?] in
            try Self.hostileRequests.map { bytes in
                let connection = try RawConnection(port: port)
                connection.send(bytes)
                let status = connection.readResponse()?.status
                connection.reset()
                return status
            }
        }
        #expect(statuses.allSatisfy { ($0 ?? 0) >= 400 }, "\(statuses)")
        #expect(server.isRunning, "stderr: \(server.stderr)")
        let result = try await CLI.run(
            ["customers", "--reseller", demoReseller, "--format", "json"],
            environment: ["PARTNER_CENTER_BASE_URL": url.absoluteString, "PARTNER_CENTER_TOKEN": "t"]
        )
        #expect(result.status == 0, "\(result)")
        await server.terminate()
    }
}
