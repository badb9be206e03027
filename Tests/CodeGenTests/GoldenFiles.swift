import Foundation

/// Paths in the source tree, found from this file's location.
enum SourceTree {
    /// The package root (the folder holding Package.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Whether goldens are being re-recorded: `RECORD_GOLDENS=1 swift test --filter CodeGenTests`.
    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" }
}
