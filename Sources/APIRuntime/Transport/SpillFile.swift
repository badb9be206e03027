import Foundation

/// A temporary file that holds, in order, the chunks of a streamed body that arrived while the
/// consumer was behind, so that they need no memory.
///
/// The file is removed from its directory as soon as it is open: nothing stays behind when the
/// process ends, however it ends. Not thread-safe: its owner serialises the calls.
final class SpillFile {
    private let handle: FileHandle
    private var written: UInt64 = 0
    private var read: UInt64 = 0

    /// Creates the file in the temporary directory.
    /// - Throws: when it cannot be created or opened.
    init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("partner-center-stream-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forUpdating: url)
        try? FileManager.default.removeItem(at: url)
    }

    deinit { try? handle.close() }

    /// Whether every byte appended has been read back.
    var isDrained: Bool { read == written }

    /// Appends `data` after what is unread.
    func append(_ data: Data) throws {
        try handle.seek(toOffset: written)
        try handle.write(contentsOf: data)
        written += UInt64(data.count)
    }

    /// The oldest unread bytes, at most `count`; empty when drained. Once drained the file is
    /// emptied, so that a consumer that keeps up again gives the disk space back.
    func readNext(upTo count: Int) throws -> Data {
        try handle.seek(toOffset: read)
        let data = try handle.read(upToCount: Int(min(UInt64(count), written - read))) ?? Data()
        read += UInt64(data.count)
        if isDrained {
            try handle.truncate(atOffset: 0)
            read = 0
            written = 0
        }
        return data
    }
}
