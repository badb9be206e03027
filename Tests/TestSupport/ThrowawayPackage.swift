import Foundation

/// A SwiftPM package written to a temporary folder by a test, built with `swift build`,
/// and removed: to check what a user's package that depends on this one can do.
public struct ThrowawayPackage: Sendable {
    /// The package's folder.
    public let root: URL

    /// Whether tests that build throwaway packages run: not when `PACKAGE_BUILD_TESTS=0`,
    /// which CI sets for its sanitizer pass (those builds are plain `swift build` processes
    /// that a sanitizer does not reach; the plain pass runs them).
    public static var enabled: Bool {
        ProcessInfo.processInfo.environment["PACKAGE_BUILD_TESTS"] != "0"
    }

    /// Creates an empty folder for a package.
    /// - Parameter name: The start of the folder's name (a UUID follows it).
    public init(name: String) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    /// This package's root (the folder holding its Package.swift), for `.package(path:)`.
    public static let dependencyRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

    /// The identity SwiftPM gives this package as a path dependency (its folder's name,
    /// lowercased), for `.product(name:package:)` and `.plugin(name:package:)`.
    public static var dependencyIdentity: String { dependencyRoot.lastPathComponent.lowercased() }

    /// Writes `text` to `relativePath` in the package, creating its folders.
    public func write(_ text: String, to relativePath: String) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// `text` as a Swift string literal, for a manifest.
    public static func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Writes a Package.swift for a package `name` that depends on this one, with library
    /// targets `specTargets` (the plugin applied to each, APIRuntime their dependency) and,
    /// when given, an executable target using one of them.
    public func writeManifest(name: String, specTargets: [String], executable: (name: String, uses: String)? = nil) throws {
        let root = Self.literal(Self.dependencyRoot.path)
        let identity = Self.literal(Self.dependencyIdentity)
        let libraries = specTargets.map { target in
            """

                    .target(
                        name: \(Self.literal(target)),
                        dependencies: [.product(name: "APIRuntime", package: \(identity))],
                        plugins: [.plugin(name: "SpecCodegenPlugin", package: \(identity))]
                    ),
            """
        }.joined()
        let executableTarget = executable.map {
            "\n        .executableTarget(name: \(Self.literal($0.name)), dependencies: [\(Self.literal($0.uses))]),"
        } ?? ""
        try write("""
            // swift-tools-version: 6.1
            import PackageDescription
            let package = Package(
                name: \(Self.literal(name)),
                platforms: [.macOS(.v13)],
                dependencies: [.package(path: \(root), traits: [])],
                targets: [\(libraries)\(executableTarget)
                ],
                swiftLanguageModes: [.v6]
            )
            """, to: "Package.swift")
    }

    /// Runs `swift build` on the package, with a scratch folder inside it, at the lowest
    /// priority so that the build does not starve tests that measure time in the same run.
    public func build() async throws -> SubprocessResult {
        try await Subprocess.runAtLowestPriority(
            command: "swift", ["build", "--package-path", root.path, "--scratch-path", scratchPath.path], timeLimit: 900
        )
    }

    /// The built executable product `name` (after ``build()``).
    public func executable(named name: String) -> URL {
        scratchPath.appendingPathComponent("debug").appendingPathComponent(name)
    }

    /// Deletes the package's folder.
    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// The build folder of `build()`.
    public var scratchPath: URL { root.appendingPathComponent(".build") }
}
