import Foundation

/// Where SwiftPM put the built products.
public enum ProductsDirectory {
    /// The executable `name` among the built products, or nil.
    ///
    /// Tries, in order: the directory of the `.xctest` bundle (on macOS the bundle is
    /// `…/debug/X.xctest/Contents/MacOS/X`, on Linux `…/debug/X.xctest` is itself the
    /// executable), walking up a few levels; then `.build/debug` under the package root.
    public static func executable(named name: String, filePath: String = #filePath) -> URL? {
        var starts: [URL] = []
        #if os(macOS)
        starts += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map(\.bundleURL)
        #endif
        starts.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first))
        }
        for start in starts {
            var directory = start.standardizedFileURL
            for _ in 0..<5 {
                let candidate = directory.appendingPathComponent(name)
                if isExecutableFile(candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        // …/Tests/TestSupport/ProductsDirectory.swift → package root.
        var root = URL(fileURLWithPath: filePath)
        for _ in 0..<3 { root.deleteLastPathComponent() }
        let fallback = root.appendingPathComponent(".build/debug").appendingPathComponent(name)
        return isExecutableFile(fallback) ? fallback : nil
    }

    private static func isExecutableFile(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: url.path)
    }
}
