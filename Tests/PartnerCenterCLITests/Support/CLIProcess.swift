import Foundation
import Testing
import TestSupport

/// What one run of the `partner-center` binary produced.
typealias CLIResult = SubprocessResult

/// Runs the built `partner-center` binary as a subprocess, in an environment made from
/// nothing but `PATH`, `HOME`, an empty `XDG_CONFIG_HOME` and the variables a test passes, so
/// the developer's real `PARTNER_CENTER_*` variables and sign-in never leak in.
enum CLI {
    /// The longest a run may take before it is killed and reported as failed.
    static let timeLimit: TimeInterval = 20

    /// The built binary, next to the test bundle.
    static func executable() throws -> URL {
        try #require(ProductsDirectory.executable(named: "partner-center"), "the partner-center binary was not found next to the test bundle")
    }

    /// The environment every run starts from.
    static func baseEnvironment() -> [String: String] {
        let parent = ProcessInfo.processInfo.environment
        // A sanitizer run's options reach the (sanitized) binary too.
        let sanitizerOptions = parent.filter { sanitizerVariables.contains($0.key) }
        return [
            "PATH": parent["PATH"] ?? "/usr/bin:/bin",
            "HOME": parent["HOME"] ?? NSTemporaryDirectory(),
            // No run reads (or writes) the developer's own token cache; a test that signs in
            // passes a `ConfigHome` of its own.
            "XDG_CONFIG_HOME": absentConfigHome,
        ].merging(sanitizerOptions) { first, _ in first }
    }

    /// A configuration directory that does not exist: no token cache.
    static let absentConfigHome = NSTemporaryDirectory() + "partner-center-tests-no-config-\(UUID().uuidString)"

    /// The sanitizers' runtime options, passed on when set.
    static let sanitizerVariables: Set<String> = ["ASAN_OPTIONS", "LSAN_OPTIONS", "TSAN_OPTIONS", "UBSAN_OPTIONS"]

    /// Runs `partner-center arguments…` to completion (or the time limit) and collects its output.
    /// - Parameters:
    ///   - arguments: The command line after the program name.
    ///   - environment: Variables added to `PATH` and `HOME`.
    ///   - timeLimit: Seconds before the process is killed (SIGTERM, then SIGKILL).
    static func run(_ arguments: [String], environment: [String: String] = [:], timeLimit: TimeInterval = timeLimit) async throws -> CLIResult {
        try await Subprocess.run(try executable(), arguments, environment: baseEnvironment().merging(environment) { $1 }, timeLimit: timeLimit)
    }
}
