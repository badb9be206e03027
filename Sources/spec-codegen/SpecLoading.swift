import Foundation
import SpecKit

/// Writes `text` and `terminator` to standard error.
func printToStandardError(_ text: String, terminator: String = "\n") {
    FileHandle.standardError.write(Data((text + terminator).utf8))
}

/// The spec in `paths`, or its diagnostics on standard error and ``CommandFailed``.
func loadSpecOrExit(_ paths: [String]) throws -> Spec {
    do {
        return try SpecLoader().load(paths: paths)
    } catch {
        printToStandardError(error.description)
        throw CommandFailed()
    }
}
