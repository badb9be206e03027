import ArgumentParser
import Foundation
import SpecKit

/// Writes `text` and a newline to standard error.
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// The spec in `paths`, or its diagnostics on standard error and exit status 1.
func loadSpecOrExit(_ paths: [String]) throws -> Spec {
    do {
        return try SpecLoader().load(paths: paths)
    } catch {
        printToStandardError(error.description)
        throw ExitCode.failure
    }
}
