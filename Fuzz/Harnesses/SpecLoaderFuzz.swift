// libFuzzer target `spec-loader`: any bytes, as the contents of a spec file, through
// `SpecLoader` (libyaml, the YAML tree, decoding, `$ref` resolution, assembly).
// Built and run by scripts/fuzz; see Fuzzing.md.

import Foundation
@testable import SpecKit

/// Stops the run with `message` when `condition` is false (unlike `precondition`, the
/// message survives `-O`, so libFuzzer's report says which property broke).
private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
    fatalError("fuzz property violated: \(message)")
}

/// Where the input claims to live: beside the real spec (a file that does not exist), so
/// that a `$ref` to `common.yaml` or `errors.yaml` reaches the real files.
private let inputPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("spec/fuzz-input.yaml").path

/// An upper bound on the lines of `bytes` as libyaml counts them (LF, CR, NEL, LS, PS; a
/// CR LF counts twice here). Diagnostics never point past it: not even libyaml's end of
/// stream after a last line without a line break (the loader points into the line).
private func lineBound(_ bytes: Data) -> Int {
    var lines = 1
    var previous: (UInt8, UInt8) = (0, 0)
    for byte in bytes {
        if byte == 0x0A || byte == 0x0D { lines += 1 }
        if previous.1 == 0xC2, byte == 0x85 { lines += 1 }
        if previous == (0xE2, 0x80), byte == 0xA8 || byte == 0xA9 { lines += 1 }
        previous = (previous.1, byte)
    }
    return lines
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        _ = try SpecLoader().load(data: bytes, path: inputPath)
    } catch {
        // A refused spec says why, at a real position: never an empty error, and never a
        // line beyond the end of the input.
        check(!error.diagnostics.isEmpty, "SpecError without diagnostics")
        let lines = lineBound(bytes)
        for diagnostic in error.diagnostics {
            let location = diagnostic.location
            check(!diagnostic.message.isEmpty, "empty diagnostic at \(location)")
            check(location.line >= 1 && location.column >= 1, "position before the start: \(diagnostic)")
            if location.file == inputPath {
                check(location.line <= lines, "line \(location.line) of a \(lines)-line input: \(diagnostic)")
            }
        }
    }
    return 0
}
