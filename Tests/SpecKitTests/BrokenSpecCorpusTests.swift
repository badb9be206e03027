import Foundation
import Testing
@testable import SpecKit

/// The broken-spec corpus: each spec of `Fixtures/broken/` must fail to load with exactly
/// the diagnostics of its `.expected` file, and must never crash the loader.
///
/// To add a case, write `NN-name.yaml` (or a folder `NN-name/` of files loaded together),
/// then record its diagnostics with
///
///     SPECKIT_RECORD=1 swift test --filter BrokenSpecCorpusTests
///
/// which writes `NN-name.expected` into the source tree and fails, so that you check by
/// hand that each line and column points at the offending character before committing.
@Suite("Broken spec corpus")
struct BrokenSpecCorpusTests {
    @Test("The broken spec is reported with exactly the expected diagnostics", arguments: BrokenSpec.all)
    func reportsExactlyTheExpectedDiagnostics(_ spec: BrokenSpec) throws {
        let actual = spec.actualDiagnostics()
        if ProcessInfo.processInfo.environment["SPECKIT_RECORD"] == "1" {
            let target = Fixtures.sourceBroken().appendingPathComponent(spec.expected.lastPathComponent)
            try (actual.joined(separator: "\n") + "\n").write(to: target, atomically: true, encoding: .utf8)
            Issue.record("recorded \(target.lastPathComponent); check every position by hand, then run again without SPECKIT_RECORD")
            return
        }
        #expect(actual == (try spec.expectedDiagnostics()))
    }

    @Test("Every diagnostic of a broken spec is an error with a 1-based position in the corpus, sorted", arguments: BrokenSpec.all)
    func diagnosticsAreSortedErrorsWithPositions(_ spec: BrokenSpec) throws {
        let error = try #require(throws: SpecError.self) { try SpecLoader().load(paths: spec.paths.map(\.path)) }
        #expect(!error.diagnostics.isEmpty)
        #expect(error.diagnostics == error.diagnostics.sorted())
        let corpus = Fixtures.broken.standardizedFileURL.path + "/"
        for diagnostic in error.diagnostics {
            #expect(diagnostic.severity == .error)
            #expect(diagnostic.location.file.hasPrefix(corpus), "\(diagnostic) is outside the corpus")
            #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
        }
    }

    @Test("The corpus has at least 24 cases and every spec file belongs to a case")
    func corpusIsCompleteAndConsistent() throws {
        #expect(BrokenSpec.all.count >= 24)
        let names = Set(BrokenSpec.all.map(\.name))
        let entries = try FileManager.default.contentsOfDirectory(atPath: Fixtures.broken.path)
        for entry in entries where !entry.hasSuffix(".expected") {
            let name = entry.hasSuffix(".yaml") ? String(entry.dropLast(".yaml".count)) : entry
            #expect(names.contains(name), "\(entry) has no \(name).expected")
        }
        for spec in BrokenSpec.all {
            #expect(!spec.paths.isEmpty, "\(spec.name).expected has no spec to load")
        }
    }

    @Test("A misspelt keyword at line 17, column 9 is reported at exactly that position")
    func misspeltKeywordIsReportedAtItsLineAndColumn() throws {
        let spec = try #require(BrokenSpec.all.first { $0.name == "01-unknown-keyword-with-suggestion" })
        #expect(spec.actualDiagnostics() == [
            "01-unknown-keyword-with-suggestion.yaml:17:9: error: unknown keyword 'propertes' (did you mean 'properties'?)",
        ])
        let lines = try String(contentsOf: try #require(spec.paths.first), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[16].dropFirst(8).hasPrefix("propertes:"))
    }

    @Test("Several unrelated mistakes are all reported in one run, sorted by line")
    func severalMistakesAreAllReportedInOrder() throws {
        let spec = try #require(BrokenSpec.all.first { $0.name == "35-several-mistakes" })
        let lines = spec.actualDiagnostics().compactMap { diagnostic in
            diagnostic.split(separator: ":").dropFirst().first.flatMap { Int($0) }
        }
        #expect(lines.count >= 5)
        #expect(lines == lines.sorted())
        #expect(Set(lines).count >= 5)
    }

    @Test("A nine-level alias bomb is refused quickly")
    func aliasBombIsRefusedQuickly() throws {
        let spec = try #require(BrokenSpec.all.first { $0.name == "29-alias-expansion-bomb" })
        let elapsed = ContinuousClock().measure { _ = spec.actualDiagnostics() }
        #expect(elapsed < .seconds(2))
    }
}
