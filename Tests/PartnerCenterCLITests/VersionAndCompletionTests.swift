import PartnerCenter
@testable import partner_center
import Testing

/// `--version`, shell completion scripts, and the completion of operation ids.
@Suite("Version and completion")
struct VersionAndCompletionTests {
    @Test func versionPrintsThePackageVersion() async throws {
        let result = try await CLI.run(["--version"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == PackageVersion.current + "\n")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func aCompletionScriptIsGeneratedForEachShell(shell: String) async throws {
        let result = try await CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("customers"), "\(result)")
        #expect(result.stdout.contains("--reseller"), "\(result)")
    }

    @Test func operationIDsAreThoseOfTheCompiledSpecSorted() throws {
        let expected = try PartnerCenterClient.document.get().operations.keys.sorted()
        #expect(OperationCompletion.operationIDs() == expected)
        #expect(expected.contains("getCustomerById"))
    }

    @Test func completionKeepsTheIDsStartingWithTheTypedPrefix() {
        let completed = OperationCompletion.complete(["partner-center", "call", "getCustomer"], 2, "getCustomer")
        #expect(!completed.isEmpty)
        #expect(completed.allSatisfy { $0.hasPrefix("getCustomer") })
        #expect(completed.contains("getCustomerById"))
        #expect(!completed.contains("getIndirectResellers"))
        #expect(OperationCompletion.complete(["partner-center", "call", ""], 2, "") == OperationCompletion.operationIDs())
    }
}
