import ArgumentParser
import PartnerCenter

/// A mistake in how a command was called that only shows while it runs: credentials, a
/// base URL, `--param` values. Reported like an argument error (exit 64), as one line.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Turns a failure into one line on standard error and its documented exit code.
enum Failure {
    /// Runs `body`; an `APIError` or a `UsageError` becomes one line on standard error and
    /// the matching exit code, so nothing but data ever reaches standard output.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as APIError {
            Terminal.endProgress()
            Terminal.note("partner-center: error: \(error)")
            throw ExitStatus.code(for: error)
        } catch let error as UsageError {
            Terminal.endProgress()
            Terminal.note("partner-center: error: \(error)")
            throw ExitStatus.usage
        }
    }
}
