import Foundation
import Testing
@testable import SpecKit

/// `SourceLocation` and `Diagnostic`: the compiler's `FILE:LINE:COLUMN: error: MESSAGE`,
/// ordering, and positions computed from byte offsets.
@Suite("Source locations and diagnostics")
struct SourceLocationTests {
    @Test("A diagnostic prints as FILE:LINE:COLUMN: error: MESSAGE, like swiftc")
    func diagnosticUsesTheCompilerFormat() {
        let diagnostic = Diagnostic(at: SourceLocation(file: "spec/a.yaml", line: 17, column: 9), "unknown keyword 'x'")
        #expect(diagnostic.description == "spec/a.yaml:17:9: error: unknown keyword 'x'")
    }

    @Test("Diagnostics sort by file, then line, then column (numerically), then message")
    func diagnosticsSortByPosition() {
        func at(_ file: String, _ line: Int, _ column: Int, _ message: String = "m") -> Diagnostic {
            Diagnostic(at: SourceLocation(file: file, line: line, column: column), message)
        }
        let sorted = [at("b", 1, 1), at("a", 10, 1), at("a", 9, 12), at("a", 9, 2, "z"), at("a", 9, 2, "y")].sorted()
        #expect(sorted.map(\.description) == ["a:9:2: error: y", "a:9:2: error: z", "a:9:12: error: m", "a:10:1: error: m", "b:1:1: error: m"])
    }

    /// `(text, byte offset, line, column)`.
    static let offsets: [(String, Int, Int, Int)] = [
        ("abc", 0, 1, 1),
        ("abc", 2, 1, 3),
        ("a\nb", 2, 2, 1),
        ("a\r\nb", 3, 2, 1),
        ("a\rb", 2, 2, 1),
        ("é!", 2, 1, 2),
        ("\u{FEFF}ab", 4, 1, 2),
        ("x\n名前!", 8, 2, 3),
    ]

    @Test("A byte offset becomes libyaml's line and column: CR LF is one break, columns count characters", arguments: offsets)
    func byteOffsetBecomesLineAndColumn(text: String, offset: Int, line: Int, column: Int) {
        let location = SourceLocation(file: "f", byteOffset: offset, in: Array(text.utf8))
        #expect(location == SourceLocation(file: "f", line: line, column: column))
    }

    @Test("The first byte that is not UTF-8 is located; valid text has none")
    func firstInvalidUTF8IsLocated() {
        let bytes: [UInt8] = Array("ok\nCaf".utf8) + [0xE9, 0x20, 0xFF]
        #expect(SourceLocation.firstInvalidUTF8(in: bytes, file: "f") == SourceLocation(file: "f", line: 2, column: 4))
        #expect(SourceLocation.firstInvalidUTF8(in: Array("é\n名前".utf8), file: "f") == nil)
        #expect(SourceLocation.firstInvalidUTF8(in: [0x61, 0xE2, 0x82], file: "f") == SourceLocation(file: "f", line: 1, column: 2))
    }
}
