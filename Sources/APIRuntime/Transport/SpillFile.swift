import Foundation

/// A temporary file that holds, in order, the chunks of a streamed body that arrived while the
/// consumer was behind, so that they need no memory.
///
/// The file is removed from its directory as soon as it is open: nothing stays behind when the
/// process ends, however it ends. Not thread-safe: its owner serialises the calls.
final class SpillFile {
    /// Bytes gathered before one write to the file: chunks arrive at a few KB each.
    static let writeSize = 1 << 20

    private let handle: FileHandle
    private var written: UInt64 = 0
    private var read: UInt64 = 0
    /// Appended bytes not yet written, newer than all in the file.
    private var pending = Data()

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
    var isDrained: Bool { read == written && pending.isEmpty }

    /// Appends `data` after what is unread.
    func append(_ data: Data) throws {
        pending.append(data)
        guard pending.count >= Self.writeSize else { return }
        try handle.seek(toOffset: written)
        try handle.write(contentsOf: pending)
        written += UInt64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }

    /// The oldest unread bytes, at most `count` from the file (or the bytes not yet written);
    /// empty when drained. Once drained the file is emptied, so that a consumer that keeps up
    /// again gives the disk space back.
    func readNext(upTo count: Int) throws -> Data {
        guard read < written else {
            defer { pending = Data() }
            return pending
        }
        try handle.seek(toOffset: read)
        let data = try handle.read(upToCount: Int(min(UInt64(count), written - read))) ?? Data()
        read += UInt64(data.count)
        if read == written {
            try handle.truncate(atOffset: 0)
            read = 0
            written = 0
        }
        return data
    }
}
