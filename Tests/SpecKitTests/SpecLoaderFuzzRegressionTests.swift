import Foundation
import Testing
@testable import SpecKit

/// The `spec-loader` fuzz target feeds its bytes to `SpecLoader.load(data:path:)`: that
/// entry must answer exactly as `load(paths:)` does for a file holding the same bytes, or
/// what the fuzzer finds would not be what a user meets.
@Suite("Spec loader: fuzz entry")
struct SpecLoaderFuzzRegressionTests {
    /// Inputs that take different paths through the loader, with the start of a diagnostic
    /// each must give (nil: the spec loads).
    static let inputs: [(name: String, bytes: [UInt8], message: String?)] = [
        ("a valid spec", Array("""
            api: Minimal
            servers:
              default: https://example.com
            operations:
              listThings:
                method: GET
                path: /v1/things
                responses:
                  200: { $ref: '#/schemas/Thing' }
            schemas:
              Thing:
                type: object

            """.utf8), nil),
        ("invalid UTF-8 on line 2", Array("api: X\nname: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8), "the file is not valid UTF-8"),
        ("empty", [], "the file holds no YAML document"),
        ("a byte order mark, then a syntax error", [0xEF, 0xBB, 0xBF] + Array("a: [1\n".utf8), "YAML syntax: "),
        ("a last line without a line break", Array("p:\nr".utf8), "YAML syntax: could not find expected ':'"),
    ]

    @Test("load(data:path:) reports what load(paths:) reports for the same bytes in a file", arguments: 0..<inputs.count)
    func bytesAreLoadedAsAFileWouldBe(_ index: Int) throws {
        let input = Self.inputs[index]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spec-fuzz-entry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("input.yaml").path
        try Data(input.bytes).write(to: URL(fileURLWithPath: path))

        let fromFile = Self.diagnostics { () throws(SpecError) in try SpecLoader().load(paths: [path]) }
        let fromData = Self.diagnostics { () throws(SpecError) in try SpecLoader().load(data: Data(input.bytes), path: path) }
        #expect(fromData == fromFile, "\(input.name)")
        if let message = input.message {
            #expect(fromData.contains { $0.message.hasPrefix(message) }, "\(input.name): \(fromData)")
        } else {
            #expect(fromData.isEmpty, "\(input.name): \(fromData)")
        }
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        let bytes = Array("api: X\nname: caf".utf8) + [0xC3, 0x28]
        let diagnostics = Self.diagnostics { () throws(SpecError) in try SpecLoader().load(data: Data(bytes), path: "fuzz.yaml") }
        #expect(diagnostics.map(\.description) == ["fuzz.yaml:2:10: error: the file is not valid UTF-8"])
    }

    @Test func anEmptyDocumentAfterItsMarkerIsReportedOnItsOnlyLine() {
        // Fuzz/Corpus/spec-loader/finding-empty-document-after-marker.yaml (found by a seeded
        // 240 s run): `---` with no line break. libyaml puts the empty document's null node
        // on line 2, which the file does not have.
        let diagnostics = Self.diagnostics { () throws(SpecError) in try SpecLoader().load(data: Data("---".utf8), path: "fuzz.yaml") }
        #expect(diagnostics.map(\.description) == [
            "fuzz.yaml:1:1: error: the spec declares no 'api' name", "fuzz.yaml:1:4: error: a spec file must be a mapping, found null",
        ])
    }

    /// The diagnostics of `load`, empty when it succeeds.
    static func diagnostics(_ load: () throws(SpecError) -> Spec) -> [Diagnostic] {
        do {
            _ = try load()
            return []
        } catch {
            return error.diagnostics
        }
    }
}
