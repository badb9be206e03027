import Foundation
import Testing
@testable import SpecKit

/// Where the test fixtures are: the copy bundled with the tests, and the repository's folders.
enum Fixtures {
    /// `Fixtures/` as copied into the test bundle.
    static var directory: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            preconditionFailure("the test bundle holds no Fixtures folder; see Package.swift")
        }
        return url
    }

    /// `Fixtures/broken/` in the test bundle.
    static var broken: URL { directory.appendingPathComponent("broken", isDirectory: true) }

    /// `Fixtures/valid/` in the test bundle.
    static var valid: URL { directory.appendingPathComponent("valid", isDirectory: true) }

    /// `Fixtures/broken/` in the source tree, where recorded `.expected` files are written.
    static func sourceBroken(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/broken", isDirectory: true)
    }

    /// The repository's `spec/` folder: the nearest directory above this file that holds
    /// both `Package.swift` and `spec/`.
    static func specDirectory(filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let spec = directory.appendingPathComponent("spec", isDirectory: true)
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path),
                FileManager.default.fileExists(atPath: spec.path)
            {
                return spec
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// The diagnostics of loading `paths`, one `FILE:LINE:COLUMN: error: MESSAGE` string
    /// each, with `prefix` removed wherever it appears (in positions and in messages).
    /// Empty when the spec loads.
    static func diagnostics(loading paths: [URL], removing prefix: URL) -> [String] {
        let base = prefix.standardizedFileURL.path + "/"
        do {
            _ = try SpecLoader().load(paths: paths.map(\.path))
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: base, with: "") }
        }
    }
}

/// One broken spec of `Fixtures/broken/`: `NN-name.yaml`, or the folder `NN-name/` whose
/// `.yaml` files are loaded together; `NN-name.expected` holds its diagnostics.
struct BrokenSpec: Sendable, CustomTestStringConvertible {
    /// `NN-name`.
    var name: String
    /// The spec files to load.
    var paths: [URL]
    /// The `.expected` file.
    var expected: URL

    var testDescription: String { name }

    /// Every case of the corpus, by name.
    static let all: [BrokenSpec] = {
        let directory = Fixtures.broken
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { $0.hasSuffix(".expected") }.sorted().map { file in
            let name = String(file.dropLast(".expected".count))
            let single = directory.appendingPathComponent(name + ".yaml")
            let folder = directory.appendingPathComponent(name, isDirectory: true)
            let paths: [URL]
            if FileManager.default.fileExists(atPath: single.path) {
                paths = [single]
            } else {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                paths = files.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
            }
            return BrokenSpec(name: name, paths: paths, expected: directory.appendingPathComponent(file))
        }
    }()

    /// The diagnostics the loader reports today, with the corpus folder removed from paths.
    func actualDiagnostics() -> [String] {
        Fixtures.diagnostics(loading: paths, removing: Fixtures.broken)
    }

    /// The diagnostics recorded in the `.expected` file.
    func expectedDiagnostics() throws -> [String] {
        try String(contentsOf: expected, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
}
