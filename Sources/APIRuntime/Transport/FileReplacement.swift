import Foundation

/// Puts a downloaded file in place of the caller's, at once: a reader of the destination sees
/// the old file or the whole new one, never a part.
enum FileReplacement {
    /// A name for a file written beside `destination` before it replaces it (hidden, unique).
    static func partialFile(beside destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
    }

    /// Renames `source` to `destination`, replacing it; from another file system, `source` is
    /// copied beside `destination` first. A directory at `destination` is never replaced.
    /// - Throws: `CocoaError` naming `destination` when it cannot be replaced.
    static func replace(_ destination: URL, with source: URL) throws {
        if rename(source.path, destination.path) == 0 { return }
        guard errno == EXDEV else { throw failure(errno, destination) }
        let partial = partialFile(beside: destination)
        do {
            try FileManager.default.copyItem(at: source, to: partial)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        guard rename(partial.path, destination.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: partial)
            throw failure(code, destination)
        }
        try? FileManager.default.removeItem(at: source)
    }

    private static func failure(_ code: Int32, _ destination: URL) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [
            NSFilePathErrorKey: destination.path,
            NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO),
        ])
    }
}
