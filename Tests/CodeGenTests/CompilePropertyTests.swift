import CodeGen
import Foundation
import SpecKit
import TestSupport
import Testing

/// Every spec that `spec-codegen check` accepts must compile, with no warning that it uses what
/// it deprecates: random specs across the
/// format's keywords (`RandomSpec`) are loaded, generated and type-checked against the built
/// `APIRuntime` module, one `swiftc -typecheck` per spec (each spec is its own module, as
/// its type names would collide with another's).
///
/// Each run draws new seeds; a failure names its spec's seed. Replay one spec with
/// `COMPILE_PROPERTY_SEED=<seed> COMPILE_PROPERTY_COUNT=1 swift test --filter CompilePropertyTests`
/// (the seed may be decimal or `0x` hex); `COMPILE_PROPERTY_COUNT` alone sets how many specs
/// a run checks; `COMPILE_PROPERTY_KEEP=1` keeps the specs and generated files (the failure
/// names their folder).
@Suite struct CompilePropertyTests {
    /// The specs of this run: `count` consecutive seeds from the first.
    private static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["COMPILE_PROPERTY_COUNT"].flatMap { Int($0) } ?? 12
        let first = environment["COMPILE_PROPERTY_SEED"].flatMap(parseSeed) ?? UInt64.random(in: .min ... .max)
        return (0..<max(1, count)).map { first &+ UInt64($0) }
    }()

    private static func parseSeed(_ text: String) -> UInt64? {
        text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
    }

    private static func replay(_ seed: UInt64) -> String {
        "seed \(seed) (replay: COMPILE_PROPERTY_SEED=\(seed) COMPILE_PROPERTY_COUNT=1 swift test --filter CompilePropertyTests)"
    }

    @Test("Every generated spec is accepted by the loader, and its client type-checks against APIRuntime")
    func everyAcceptedSpecCompiles() async throws {
        let products = try #require(ProductsDirectory.executable(named: "spec-codegen"), "spec-codegen not built").deletingLastPathComponent()
        let modules = products.appendingPathComponent("Modules")
        try #require(
            FileManager.default.fileExists(atPath: modules.appendingPathComponent("APIRuntime.swiftmodule").path),
            "no APIRuntime.swiftmodule in \(modules.path)"
        )
        // With the package's traits APIRuntime imports SwiftNIO, whose C modules need their module maps.
        let importArguments = ModuleImportArguments.forImporting("APIRuntime", productsDirectory: products)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("compile-property-\(UUID().uuidString)")
        // COMPILE_PROPERTY_KEEP=1 keeps the specs and generated files for a look.
        let keep = ProcessInfo.processInfo.environment["COMPILE_PROPERTY_KEEP"] == "1"
        defer { if !keep { try? FileManager.default.removeItem(at: work) } }
        // Shared by runs: the SDK's modules are built into it once.
        let moduleCache = FileManager.default.temporaryDirectory.appendingPathComponent("compile-property-module-cache")

        var compiles: [(seed: UInt64, text: String, files: [URL], module: String)] = []
        for (index, seed) in Self.seeds.enumerated() {
            let text = RandomSpec.text(seed: seed)
            let spec: Spec
            do {
                spec = try SpecLoader().load(text: text, path: "/random/spec-\(seed).yaml")
            } catch {
                Issue.record("the loader refused a generated spec, \(Self.replay(seed)):\n\(error)\n--- spec ---\n\(text)")
                continue
            }
            let directory = work.appendingPathComponent("spec\(index)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            if keep { try Data(text.utf8).write(to: work.appendingPathComponent("spec\(index).yaml")) }
            var files: [URL] = []
            for file in Generator.generate(spec) {
                let url = directory.appendingPathComponent(file.name)
                try Data(file.contents.utf8).write(to: url)
                files.append(url)
            }
            compiles.append((seed, text, files, "RandomSpec\(index)"))
        }

        let results = try await withThrowingTaskGroup(of: (Int, SubprocessResult).self) { group in
            for (index, compile) in compiles.enumerated() {
                let arguments = [
                    "-typecheck", "-parse-as-library", "-swift-version", "6", "-module-name", compile.module,
                    "-module-cache-path", moduleCache.path,
                ] + importArguments + compile.files.map(\.path)
                group.addTask { (index, try await Subprocess.run(command: "swiftc", arguments, timeLimit: 300)) }
            }
            var results: [Int: SubprocessResult] = [:]
            for try await (index, result) in group { results[index] = result }
            return results
        }
        for (index, compile) in compiles.enumerated() {
            // A deprecated operation or property must not make the generated code use itself.
            let deprecationWarnings = results[index]?.stderrLines.filter { $0.contains("warning:") && $0.contains("deprecated") } ?? []
            if !deprecationWarnings.isEmpty {
                Issue.record("the generated code uses what it deprecates, \(Self.replay(compile.seed)):\n\(deprecationWarnings.prefix(20).joined(separator: "\n"))\n--- spec ---\n\(compile.text)")
            }
            guard let result = results[index], result.status != 0 || result.timedOut else { continue }
            let errors = result.stderrLines.filter { $0.contains("error:") }.prefix(20).joined(separator: "\n")
            Issue.record("a spec the loader accepts does not compile, \(Self.replay(compile.seed)):\n\(errors)\n\(result)\n--- spec ---\n\(compile.text)")
        }
    }

    @Test("A seed gives the same spec text, and a spec the same files, every time")
    func generationIsDeterministic() throws {
        for seed in Self.seeds.prefix(4) {
            let text = RandomSpec.text(seed: seed)
            #expect(RandomSpec.text(seed: seed) == text, "\(Self.replay(seed))")
            guard let spec = try? SpecLoader().load(text: text, path: "/random/spec-\(seed).yaml") else { continue }
            let again = try SpecLoader().load(text: text, path: "/random/spec-\(seed).yaml")
            #expect(Generator.generate(spec) == Generator.generate(again), "\(Self.replay(seed))")
            #expect(Generator.generate(spec) == Generator.generate(spec), "\(Self.replay(seed))")
        }
    }
}
