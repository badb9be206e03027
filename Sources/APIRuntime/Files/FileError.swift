/// Why the bytes of a file (a billing export: gzip-compressed JSON Lines) could not be read:
/// a gzip stream that is corrupt or cut short, or a line over the limit.
///
/// Thrown by ``GzipStreamDecoder`` and ``JSONLinesSplitter``; once one has thrown, it throws
/// the same error again on every call.
public enum FileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The gzip data is invalid: a wrong header, corrupt compressed data, or a member whose
    /// CRC-32 or length does not match its data. The text is zlib's.
    case corrupt(String)
    /// The input ended inside a gzip member (its header, data or 8-byte trailer): the bytes
    /// decoded so far, `bytesDecoded` of them, are not the whole file.
    case truncated(bytesDecoded: Int)
    /// A line is longer than `limit` bytes (its line break not counted); reading stopped there
    /// rather than holding it.
    case lineTooLong(limit: Int)
    /// zlib could not set up or copy its state (it is out of memory). The text is zlib's.
    case decompressorFailed(String)

    public var description: String {
        switch self {
        case .corrupt(let message):
            "corrupt gzip data: \(message)"
        case .truncated(let bytesDecoded):
            "the gzip data ends before its end, after \(bytesDecoded) decompressed bytes: the file is incomplete"
        case .lineTooLong(let limit):
            "a line is longer than \(limit) bytes"
        case .decompressorFailed(let message):
            "zlib failed: \(message)"
        }
    }
}
