import ArgumentParser
import PartnerCenter

/// The documented exit codes (sysexits.h values).
enum ExitStatus {
    static let usage = ExitCode(64)
    static let responseBreaksSpec = ExitCode(65)
    static let apiError = ExitCode(69)
    static let internalError = ExitCode(70)
    static let network = ExitCode(74)
    static let authentication = ExitCode(77)

    /// The exit code for a failed call.
    static func code(for error: APIError) -> ExitCode {
        switch error.kind {
        case .invalidRequest: usage
        case .invalidDocument: internalError
        case .transport, .timeout, .jobUnfinished: network
        case .cancelled: ExitCode(130)
        case let .status(status, _): status == 401 || status == 403 ? authentication : apiError
        case .tokenRefused, .resultFileRefused: authentication
        case .jobFailed: apiError
        case .malformedResponse, .invalidResponse, .decoding, .pagingLoop, .responseTooLarge, .undeclaredStatus: responseBreaksSpec
        }
    }
}
