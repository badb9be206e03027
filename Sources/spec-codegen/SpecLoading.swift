import Foundation
import SpecKit

/// Writes `text` and `terminator` to standard error.
func printToStandardError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// The spec in `paths` (its warnings printed on standard error, `FILE:LINE:COLUMN: warning:
/// MESSAGE`), or its diagnostics on standard error and ``CommandFailed``.
func loadSpecOrExit(_ paths: [String]) throws -> Spec {
    let spec: Spec
    do {
        spec = try SpecLoader().load(paths: paths)
    } catch {
        printToStandardError(error.description)
        throw CommandFailed()
    }
    for warning in spec.warnings {
        printToStandardError(warning.description)
    }
    return spec
}
