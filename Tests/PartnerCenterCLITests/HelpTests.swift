import Testing

@Suite("Help")
struct HelpTests {
    @Test func helpExits0AndNamesTheEnvironmentVariables() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0, "\(result)")
        for variable in [
            "PARTNER_CENTER_TOKEN", "PARTNER_CENTER_TENANT_ID", "PARTNER_CENTER_CLIENT_ID", "PARTNER_CENTER_CLIENT_SECRET",
            "PARTNER_CENTER_REFRESH_TOKEN", "PARTNER_CENTER_BASE_URL",
        ] {
            #expect(result.stdout.contains(variable), "--help does not mention \(variable)")
        }
        #expect(result.stdout.contains("customers"))
    }

    @Test func customersHelpListsTheFormats() async throws {
        let result = try await CLI.run(["customers", "list", "--help"])
        #expect(result.status == 0, "\(result)")
        for format in ["table", "json", "ndjson", "csv"] {
            #expect(result.stdout.contains(format), "customers list --help does not list \(format)")
        }
        #expect(result.stdout.contains("--reseller"))
        let group = try await CLI.run(["customers", "--help"])
        #expect(group.status == 0, "\(group)")
        #expect(group.stdout.contains("list") && group.stdout.contains("(default)") && group.stdout.contains("create"), "\(group.stdout)")
    }
}
