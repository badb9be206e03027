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

/// Turns a failure into one line on standard error and its documented exit code: the one
/// error handler of every command (`PartnerCenterCommand.main`).
enum Failure {
    /// An `APIError`, a `UsageError`, a `SignInError` or a `TokenCacheError` as one line on
    /// standard error (so nothing but data ever reaches standard output), with the command
    /// that fixes a sign-in (``SignInAdvice``), returning the matching exit code; any other
    /// error (ArgumentParser's own, an `ExitCode`) as it is.
    static func report(_ error: any Error) -> any Error {
        guard let code = exitCode(for: error) else { return error }
        Terminal.endProgress()
        Terminal.note("partner-center: error: \(SignInAdvice.describe(error))")
        if let error = error as? APIError, isMFARefusal(error) {
            Terminal.note(
                "partner-center: Partner Center requires multi-factor authentication for App+User calls, and this sign-in did not use it: sign in again with MFA (partner-center login), or renew \(Variable.refreshToken) from a sign-in that used MFA."
            )
        }
        return code
    }

    /// Whether `error` is Partner Center refusing an App+User token without an MFA claim:
    /// a 401 with error code 900421 (or the older `MFA required` message).
    static func isMFARefusal(_ error: APIError) -> Bool {
        guard case let .status(401, body?) = error.kind else { return false }
        return body.code == "900421" || (body.errorDescription ?? "").localizedCaseInsensitiveContains("MFA required")
    }

    /// The documented exit code for `error`; nil for one that is not reported here.
    private static func exitCode(for error: any Error) -> ExitCode? {
        switch error {
        case let error as APIError: ExitStatus.code(for: error)
        case is UsageError: ExitStatus.usage
        case is SpecViolationsPrinted: ExitStatus.responseBreaksSpec
        case is SignInError, is TokenCacheError: ExitStatus.authentication
        default: nil
        }
    }
}
