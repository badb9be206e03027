import Foundation
import Testing

/// The subprocess harness itself: a hang must fail a test, not block the run.
@Suite("Harness")
struct HarnessTests {
    @Test func runKillsACommandThatOutlivesItsTimeLimit() async throws {
        let result = try await CLI.run(["stub", "serve", "--port", "0", "--customers", "1"], timeLimit: 1)
        #expect(result.timedOut)
        #expect(result.status != 0)
        // Killed after its 1 s limit, not left to run: the stub would serve forever. Generous,
        // since a sanitizer run beside CPU-heavy suites has taken 33 s to see the kill through;
        // time spent waiting for a free subprocess slot behind other tests does not count.
        #expect(result.duration < .seconds(120), "\(result.duration)")
        #expect(result.stdout.hasPrefix("http://127.0.0.1:"), "\(result)")
    }

    @Test func runDoesNotPassTheParentsVariables() async throws {
        // With no credentials the CLI falls back to demo mode; any leaked PARTNER_CENTER_* would stop that.
        let result = try await CLI.run(["customers", "--reseller", demoReseller, "--max-pages", "1", "--format", "ndjson"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.contains("demo data"), "\(result)")
        #expect(CLI.baseEnvironment().keys.filter { !CLI.sanitizerVariables.contains($0) }.sorted() == ["HOME", "PATH", "XDG_CONFIG_HOME"])
        // No run sees the developer's token cache.
        let configHome = try #require(CLI.baseEnvironment()["XDG_CONFIG_HOME"])
        #expect(!FileManager.default.fileExists(atPath: configHome))
    }
}
