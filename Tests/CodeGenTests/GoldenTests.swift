import CodeGen
import Foundation
import SpecKit
import Testing

/// The generated Swift for each spec, compared byte for byte with the files under `Golden/`.
///
/// After an intended change to the generator, re-record with
/// `RECORD_GOLDENS=1 swift test --filter CodeGenTests` and review the diff.
@Suite struct GoldenTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var spec: String
        var golden: String
        var testDescription: String { golden }
    }

    static let cases = [
        Case(spec: "spec/partner-center.yaml", golden: "PartnerCenter"),
        Case(spec: "Tests/CodeGenTests/Fixtures/minimal.yaml", golden: "Minimal"),
        // The specs of the generated-code test targets, built through the plugin.
        Case(spec: "Tests/Fixtures/HostileNames/hostile.yaml", golden: "HostileNames"),
        Case(spec: "Tests/Fixtures/WriteShapes/writes.yaml", golden: "WriteShapes"),
    ]

    @Test(arguments: cases)
    func generatedCodeMatchesGolden(_ testCase: Case) throws {
        let spec = try SpecLoader().load(paths: [SourceTree.url(testCase.spec).path])
        let files = Generator.generate(spec)
        let directory = SourceTree.url("Tests/CodeGenTests/Golden/\(testCase.golden)")
        #expect(files.map(\.name) == Generator.fileNames(for: spec))
        let recorded = { (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] }
        if SourceTree.isRecording {
            for stale in recorded() where !files.contains(where: { $0.name + ".golden" == stale }) {
                try FileManager.default.removeItem(at: directory.appendingPathComponent(stale))
            }
        }
        for file in files {
            let golden = directory.appendingPathComponent(file.name + ".golden")
            if SourceTree.isRecording {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try Data(file.contents.utf8).write(to: golden)
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(file.contents == expected, "\(file.name) differs from \(golden.path); re-record with RECORD_GOLDENS=1 if intended")
        }
        #expect(recorded().sorted() == files.map { $0.name + ".golden" }.sorted(), "a golden for each generated file, and no other")
    }

    @Test(arguments: cases)
    func generationIsDeterministic(_ testCase: Case) throws {
        let path = SourceTree.url(testCase.spec).path
        let first = Generator.generate(try SpecLoader().load(paths: [path]))
        let second = Generator.generate(try SpecLoader().load(paths: [path]))
        #expect(first == second)
    }
}
