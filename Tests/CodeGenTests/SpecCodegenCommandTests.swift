import CodeGen
import Foundation
import SpecKit
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
        #expect(result.stdout.hasSuffix("ok (5 operations, 18 schemas)\n"), "\(result)")
        #expect(result.stderr.isEmpty)
    }

    @Test func checkOfABrokenSpecPrintsDiagnosticsAndExitsOne() async throws {
        let path = SourceTree.url("Tests/SpecKitTests/Fixtures/broken/01-unknown-keyword-with-suggestion.yaml").path
        let result = try await run(["check", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "\(path):17:9: error: unknown keyword 'propertes' (did you mean 'properties'?)\n")
    }

    @Test(arguments: [[], ["--help"], ["help"]])
    func helpListsTheSubcommands(_ arguments: [String]) async throws {
        let result = try await run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("OVERVIEW: Check a YAML API spec"), "\(result)")
        for name in ["check", "generate", "openapi"] {
            #expect(result.stdout.contains("\n  \(name) "), "\(name) is listed")
        }
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "wrapped to 80 columns")
    }

    @Test(arguments: [["generate", "--help"], ["help", "generate"], ["generate", "-o", "out", "-h", "spec.yaml"]])
    func subcommandHelpNamesItsOptionAndArguments(_ arguments: [String]) async throws {
        let result = try await run(arguments)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("USAGE: spec-codegen generate --output <directory> <spec> ..."), "\(result)")
        #expect(result.stdout.contains("-o, --output <directory>"), "\(result)")
        #expect(result.stdout.contains("customers.spec.swift"), "the discussion names the files it writes")
    }

    /// A command line it cannot run: the problem, the usage, status 64 (EX_USAGE), nothing run.
    @Test(arguments: [
        (["bogus"], "unknown subcommand 'bogus'", "spec-codegen <subcommand>"),
        (["--verbose"], "unknown option '--verbose'", "spec-codegen <subcommand>"),
        (["check"], "missing the spec files", "spec-codegen check <spec> ..."),
        (["check", "--output", "x", "a.yaml"], "unknown option '--output'", "spec-codegen check <spec> ..."),
        (["generate", "a.yaml"], "missing '--output <directory>'", "spec-codegen generate --output <directory> <spec> ..."),
        (["generate", "a.yaml", "-o"], "missing the value of '-o'", "spec-codegen generate --output <directory> <spec> ..."),
        (["generate", "-o", "x", "--output=y", "a.yaml"], "'--output' is given twice", "spec-codegen generate --output <directory> <spec> ..."),
        (["openapi", "--output=", "a.yaml"], "the value of '--output' is empty", "spec-codegen openapi [--output <file>] <spec> ..."),
        (["help", "nope"], "unknown subcommand 'nope'", "spec-codegen <subcommand>"),
    ])
    func unusableCommandLineIsAUsageError(_ arguments: [String], message: String, usage: String) async throws {
        let result = try await run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("spec-codegen: error: \(message)\nUsage: \(usage)\n"), "\(result)")
    }

    @Test func specFilesAfterDoubleDashMayStartWithADash() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("spec-codegen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: SourceTree.url("Tests/SpecKitTests/Fixtures/valid/minimal.yaml"), to: directory.appendingPathComponent("-spec.yaml"))
        let result = try await Subprocess.run(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "cd \"$1\" && exec \"$2\" check -- -spec.yaml", "sh", directory.path,
             try #require(ProductsDirectory.executable(named: "spec-codegen")).path],
            timeLimit: 60
        )
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "-spec.yaml: ok (1 operation, 1 schema)\n", "\(result)")
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
        #expect(files == Generator.fileNames(for: try SpecLoader().load(paths: [spec])).sorted())
        let openAPI = output.appendingPathComponent("openapi.json")
        let exported = try await run(["openapi", spec, "--output", openAPI.path])
        #expect(exported.status == 0, "\(exported)")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: openAPI)) as? [String: Any]
        #expect(document?["openapi"] as? String == "3.1.0")
    }
}

extension SpecCodegenCommandTests {
    /// `a.yaml` and `a.yml` would both be `a.spec.swift`: an error naming both, no files.
    @Test func twoSpecFilesOfOneNameAreAnError() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec-codegen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let main = folder.appendingPathComponent("a.yaml")
        try "api: A\nservers: { default: https://a.example }\nschemas: { One: { $ref: 'a.yml#/schemas/Two' } }\n".write(to: main, atomically: true, encoding: .utf8)
        try "schemas: { Two: { type: string } }\n".write(to: folder.appendingPathComponent("a.yml"), atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out")
        let result = try await run(["generate", "--output", output.path, main.path])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("a.yaml and ") && result.stderr.contains("a.yml would both generate a.spec.swift"), "\(result)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// An operation that uses a deprecated schema: a warning in the compiler's format on
    /// standard error from `check` and `generate`, which still succeed.
    @Test func aWarningIsPrintedAndLeavesTheStatusZero() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spec-codegen-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spec = folder.appendingPathComponent("shop.yaml")
        try """
            api: Shop
            servers: { default: https://shop.example.com }
            operations:
              getOrder:
                method: GET
                path: /v1/order
                responses: { 200: { $ref: '#/schemas/Order' } }
            schemas:
              Order: { type: object, deprecated: true, properties: { id: { type: string } } }

            """.write(to: spec, atomically: true, encoding: .utf8)
        let warning = "\(spec.path):5:5: warning: operation 'getOrder' uses deprecated schema 'Order'\n"
        let checked = try await run(["check", spec.path])
        #expect(checked.status == 0, "\(checked)")
        #expect(checked.stdout == "\(spec.path): ok (1 operation, 1 schema)\n", "\(checked)")
        #expect(checked.stderr == warning, "\(checked)")
        let generated = try await run(["generate", "--output", folder.appendingPathComponent("out").path, spec.path])
        #expect(generated.status == 0, "\(generated)")
        #expect(generated.stderr == warning, "\(generated)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/shop.spec.swift").path))
    }
}
