import CodeGen
import Foundation
import Testing
import TestSupport

/// The `spec-codegen` executable as a user runs it.
@Suite struct SpecCodegenCommandTests {
    private func run(_ arguments: [String]) async throws -> SubprocessResult {
        let tool = try #require(ProductsDirectory.executable(named: "spec-codegen"), "spec-codegen was not built")
        return try await Subprocess.run(tool, arguments, timeLimit: 60)
    }

    @Test func checkOfTheRealSpecExitsZero() async throws {
        let result = try await run(["check", SourceTree.url("spec/partner-center.yaml").path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("ok (5 operations, 14 schemas)\n"), "\(result)")
        #expect(result.stderr.isEmpty)
    }

    @Test func checkOfABrokenSpecPrintsDiagnosticsAndExitsOne() async throws {
        let path = SourceTree.url("Tests/SpecKitTests/Fixtures/broken/01-unknown-keyword-with-suggestion.yaml").path
        let result = try await run(["check", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(path):17:9: error: unknown keyword 'propertes' (did you mean 'properties'?)\n")
    }

    @Test func generateRemovesWhatAnEarlierVersionGeneratedAndNothingElse() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("spec-codegen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let stale = output.appendingPathComponent("Models.swift")
        let own = output.appendingPathComponent("Extensions.swift")
        try Data((Generator.header + "\npublic struct Old {}\n").utf8).write(to: stale)
        try Data("public struct Mine {}\n".utf8).write(to: own)
        let generated = try await run(["generate", "--output", output.path, SourceTree.url("spec/partner-center.yaml").path])
        #expect(generated.status == 0, "\(generated)")
        #expect(!FileManager.default.fileExists(atPath: stale.path), "a file an earlier spec-codegen wrote is removed")
        #expect(FileManager.default.fileExists(atPath: own.path), "a file of the user's own is kept")
    }

    @Test func generateWritesItsFilesAndOpenAPIWritesItsDocument() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("spec-codegen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let spec = SourceTree.url("spec/partner-center.yaml").path
        let generated = try await run(["generate", "--output", output.path, spec])
        #expect(generated.status == 0, "\(generated)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
        #expect(files == Generator.fileNames.sorted())
        let openAPI = output.appendingPathComponent("openapi.json")
        let exported = try await run(["openapi", spec, "--output", openAPI.path])
        #expect(exported.status == 0, "\(exported)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: openAPI)) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
    }
}
