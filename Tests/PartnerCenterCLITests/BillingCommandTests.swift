import APIRuntime
import Foundation
import PartnerCenterStub
import Testing

/// `partner-center billing reconciliation|usage`: Microsoft Graph's billing exports against the
/// stub, which plays them (202, running, succeeded or failed, manifest, gzip blobs behind a SAS).
@Suite("billing exports")
struct BillingCommandTests {
    @Test func aBilledReconciliationIsPrintedLineByLineAsReceived() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 2_500, exportLinesPerBlob: 1_000))
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G016907411"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2_500, "three files of 1,000, 1,000 and 500 lines")
        // Number literals as the service wrote them, never re-printed.
        #expect(lines[0].contains(#""UnitPrice":6.0000"#), "\(lines[0])")
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"PartnerId":"#) })
        #expect(result.stderr.contains("2500 line items from 3 files"), "\(result)")
    }

    @Test func csvHasAHeaderRowAndARowPerLine() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 40))
        let result = try await CLI.run(["billing", "usage", "--invoice", "G000024132", "--format", "csv"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout)
        #expect(records.count == 41)
        #expect(records.first?.prefix(3) == ["PartnerId", "PartnerName", "CustomerId"])
        #expect(records.first?.count == 54, "a full usage export has the 54 documented attributes")
    }

    @Test func anUnbilledExportTakesAPeriodAndACurrency() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 10))
        let result = try await CLI.run(
            ["billing", "reconciliation", "--unbilled", "--period", "last", "--currency", "USD", "--format", "json"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let array = try JSONParser.parse(result.stdout)
        #expect(array.arrayValue?.count == 10)
    }

    @Test func aFailedExportSaysWhyAndExits69() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken))
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G999999999"], environment: stub.environment())
        #expect(result.status == 69, "\(result)")
        #expect(result.stderr.contains("No data available"), "\(result)")
        #expect(result.stderr.contains("client-request-id"), "Graph's request id names the call: \(result)")
        #expect(result.stdout.isEmpty)
    }

    @Test func anOutputFileAppearsOnlyWhole() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 100))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("billing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("recon.ndjson")
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G000024132", "--output", file.path], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 100)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["recon.ndjson"], "no partial file left")
        // A failed export leaves no file of its own, and the one asked for as it was.
        let failed = try await CLI.run(["billing", "reconciliation", "--invoice", "G999999999", "--output", file.path], environment: stub.environment())
        #expect(failed.status == 69)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["recon.ndjson"])
    }

    @Test func graphNeedsATokenOfItsOwnWithAStaticToken() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken))
        var environment = stub.environment()
        environment["PARTNER_CENTER_GRAPH_TOKEN"] = nil
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G000024132"], environment: environment)
        #expect(result.status == 77, "no Graph token, so Graph refuses the request: \(result)")
        #expect(result.stderr.contains("InvalidAuthenticationToken") || result.stderr.contains("401"), "\(result)")
    }

    @Test func inDemoModeNoCredentialsAreNeeded() async throws {
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G016907411", "--format", "csv"])
        #expect(result.status == 0, "\(result)")
        #expect(try CSV.parse(result.stdout).count == 1_001)
        #expect(result.stderr.contains("demo data"))
    }

    @Test func aJobStartedEarlierIsWaitedForFromItsURL() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 5))
        let started = try await CLI.run(
            ["call", "exportBilledReconciliation", "--body", #"{"invoiceId":"G000024132"}"#], environment: stub.environment()
        )
        #expect(started.status == 0, "\(started)")
        let location = try #require(started.stderr.split(separator: "\n").first { $0.hasPrefix("Location: ") }?.dropFirst("Location: ".count))
        let result = try await CLI.run(["billing", "reconciliation", "--job", String(location)], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.split(separator: "\n").count == 5)
    }

    @Test func callWaitsForAJobAndPrintsItsResult() async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken, exportLines: 5))
        let result = try await CLI.run(
            ["call", "exportUnbilledUsage", "--body", #"{"billingPeriod":"current","currencyCode":"EUR"}"#, "--wait"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let manifest = try JSONParser.parse(result.stdout)
        #expect(manifest["blobCount"] == .integer(1))
        #expect(result.stderr.contains("file 1 of 1: part-00000"), "\(result)")
        let refused = try await CLI.run(["call", "getBillingManifest", "--param", "manifest-id=x", "--wait"], environment: stub.environment())
        #expect(refused.status == 64, "\(refused)")
    }

    /// A Graph of another making: throttled once, `completed` with the manifest inline, files
    /// on another origin, one with `Content-Encoding: gzip`, a SAS with escapes.
    @Test func aGraphStandInOfAnotherMakingIsReadWhole() async throws {
        let graph = try GraphStandIn()
        let environment = [
            "PARTNER_CENTER_TOKEN": "pc-token", "PARTNER_CENTER_GRAPH_TOKEN": "graph-token", "PARTNER_CENTER_GRAPH_BASE_URL": graph.graphURL,
            "PARTNER_CENTER_BASE_URL": "http://127.0.0.1:9",
        ]
        let result = try await CLI.run(["billing", "reconciliation", "--invoice", "G016907411", "--format", "csv"], environment: environment)
        #expect(result.status == 0, "\(result)")
        let records = try CSV.parse(result.stdout)
        #expect(records.first?.prefix(4) == ["CustomerId", "UnitPrice", "Quantity", "NewColumn"], "the first line's members, a new column included")
        #expect(records.count == 6)
        #expect(records[1].prefix(4) == ["c0", "36.0000", "1", "x"], "numbers as written")
        #expect(records[5].prefix(2) == ["c4", "0.1200"])
        #expect(graph.graphAuthorizations.allSatisfy { $0 == "Bearer graph-token" }, "\(graph.graphAuthorizations)")
        #expect(graph.graphAuthorizations.count == 5, "the throttled POST, the POST, three reads of the operation")
        #expect(graph.storageAuthorizations == [nil, nil], "no token reaches storage")
        #expect(graph.storageTargets.allSatisfy { $0.hasSuffix("?" + GraphStandIn.sas) }, "\(graph.storageTargets)")
    }

    @Test func operationsSaysWhichAPIAnOperationIsOnAndWhetherItIsAJob() async throws {
        let result = try await CLI.run(["operations"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\nexportBilledUsage\n    POST /v1.0/reports/partners/billing/usage/billed/export  (on Graph)  (a job: call --wait)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\ngetBillingManifest\n    GET /v1.0/reports/partners/billing/manifests/{manifest-id}  (on Graph)\n"))
    }

    @Test func theOptionsAreChecked() async throws {
        for (arguments, message) in [
            (["billing", "reconciliation"], "give --invoice"),
            (["billing", "reconciliation", "--invoice", "G1", "--unbilled", "--currency", "USD"], "exclude each other"),
            (["billing", "usage", "--unbilled"], "--currency"),
            (["billing", "usage", "--invoice", "G1", "--currency", "USD"], "go with --unbilled"),
        ] {
            let result = try await CLI.run(arguments)
            #expect(result.status == 64, "\(arguments): \(result)")
            #expect(result.stderr.contains(message), "\(arguments): \(result)")
        }
    }
}

/// One sign-in, every audience: `login` redeems the kept sign-in for Graph's scope, and the
/// billing commands use it with no Graph variable.
@Suite("billing exports with a kept sign-in")
struct BillingSignInTests {
    @Test func oneLoginGivesGraphItsTokensToo() async throws {
        let stub = try KeptSignInTests.stub(), home = try ConfigHome()
        let login = try await CLI.run(["login", "--client-id", "app-1"], environment: home.environment(authority: stub.url))
        #expect(login.status == 0, "\(login)")
        #expect(login.stderr.contains("Graph (https://graph.microsoft.com/.default): the same sign-in gives its tokens"), "\(login)")
        let scopes = stub.stub.tokenRequests.filter { $0.grantType == "refresh_token" }.compactMap { $0.form["scope"] }
        #expect(scopes.contains { $0.contains("https://graph.microsoft.com/.default") }, "\(scopes)")

        let status = try await CLI.run(["login", "--status"], environment: home.environment(authority: stub.url))
        #expect(status.stdout.contains("Graph access token (https://graph.microsoft.com/.default):"), "\(status)")

        var environment = home.environment(authority: stub.url, baseURL: stub.url)
        environment["PARTNER_CENTER_GRAPH_BASE_URL"] = stub.baseURL
        let export = try await CLI.run(["billing", "usage", "--invoice", "G000024132"], environment: environment)
        #expect(export.status == 0, "\(export)")
        #expect(export.stdout.split(separator: "\n").count == 1_000)
        // The Partner Center token and Graph's are kept apart in the cache.
        let kept = try #require(home.keptSignIns().first)
        #expect((kept["otherAccessTokens"] as? [String: Any])?.keys.contains("https://graph.microsoft.com/.default") == true)
    }
}
