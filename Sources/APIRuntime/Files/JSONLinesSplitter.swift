import Foundation

/// Splits a stream of bytes into lines as they arrive: the records of a JSON Lines file.
///
/// Feed bytes with ``feed(_:)`` (e.g. each output of a ``GzipStreamDecoder``), take the lines
/// with ``nextLine()`` until it returns `nil`, and after the last bytes call ``finish()``:
///
/// ```swift
/// var lines = JSONLinesSplitter()
/// lines.feed(bytes)
/// while let line = try lines.nextLine() { try handle(JSONParser.parse(line)) }
/// // … at the end:
/// while let line = try lines.finish() { try handle(JSONParser.parse(line)) }
/// ```
///
/// - A line ends at `\n`; a `\r` before it is dropped with it (`\r\n`). A last line without a
///   line break comes from ``finish()``.
/// - Blank lines (nothing, or only spaces, tabs and `\r`) are skipped.
/// - A line's bytes come out exactly as they were (numbers such as `36.0000` untouched).
/// - A line longer than ``maximumLineLength`` is ``FileError/lineTooLong(limit:)``, thrown as
///   soon as that many bytes without a line break have arrived: memory holds one line and one
///   chunk, whatever the input.
///
/// Each byte is copied once into the splitter's buffer and searched once, with `memchr`; a
/// line is a slice of that buffer, not a copy of its own.
public struct JSONLinesSplitter: Sendable {
    /// The default limit on a line's length: 16 MiB.
    public static let defaultMaximumLineLength = 16 << 20

    /// The longest line allowed, in bytes, its line break not counted.
    public let maximumLineLength: Int

    /// The number of the line ``nextLine()`` (or ``finish()``) returned last, from 1, blank
    /// lines counted: the line an editor shows it on.
    public private(set) var lineNumber = 0
    /// The line breaks passed so far.
    private var lineBreaks = 0

    /// Fed bytes; those before `start` are taken.
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next `\n` resumes: the bytes from `start` to it hold none.
    private var searched = 0
    private var ended = false
    private var failure: FileError?

    /// A splitter for one stream.
    /// - Parameter maximumLineLength: The longest line allowed, in bytes (at least 1).
    public init(maximumLineLength: Int = defaultMaximumLineLength) {
        self.maximumLineLength = max(1, maximumLineLength)
    }

    /// Adds the stream's next bytes (they are copied). Take the lines they complete with
    /// ``nextLine()`` before feeding more, so that memory stays bounded.
    public mutating func feed(_ bytes: some ContiguousBytes) {
        if start > 0 {
            // Keep only the line in progress: at most the limit, moved to the front.
            buffer.removeSubrange(..<start)
            searched -= start
            start = 0
        }
        bytes.withUnsafeBytes { bytes in
            bytes.withMemoryRebound(to: UInt8.self) { buffer.append(contentsOf: $0) }
        }
    }

    /// The next line that is not blank, without its line break, or `nil` when the bytes fed so
    /// far hold no more complete lines.
    ///
    /// The slice shares the splitter's buffer (its indices are the buffer's, not from 0):
    /// keeping it past the next ``feed(_:)`` costs a copy.
    /// - Throws: ``FileError/lineTooLong(limit:)``, and then again on every call.
    public mutating func nextLine() throws(FileError) -> ArraySlice<UInt8>? {
        if let failure { throw failure }
        while let newline = findNewline() {
            let lineStart = start
            start = newline + 1
            searched = start
            lineBreaks += 1
            lineNumber = lineBreaks
            var lineEnd = newline
            if lineEnd > lineStart && buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            if lineEnd - lineStart > maximumLineLength { throw fail(.lineTooLong(limit: maximumLineLength)) }
            if !isBlank(lineStart..<lineEnd) { return buffer[lineStart..<lineEnd] }
        }
        // No line break in what is left: it is the start of a line, or the last line.
        let end = buffer.count
        let trailingReturn = end > start && buffer[end - 1] == UInt8(ascii: "\r") ? 1 : 0
        // A `\r` at the end may yet be followed by `\n`, so it does not count.
        if end - start - trailingReturn > maximumLineLength { throw fail(.lineTooLong(limit: maximumLineLength)) }
        guard ended, start < end else { return nil }
        let lineStart = start
        start = end
        searched = end
        lineNumber = lineBreaks + 1
        let lineEnd = end - trailingReturn
        return isBlank(lineStart..<lineEnd) ? nil : buffer[lineStart..<lineEnd]
    }

    /// Ends the input and returns the next line: once ``nextLine()`` has returned `nil`, the
    /// last line if the bytes did not end with a line break, else `nil`. (Called earlier, it
    /// returns the lines left one by one, as ``nextLine()`` then does too.)
    /// - Throws: ``FileError/lineTooLong(limit:)``.
    public mutating func finish() throws(FileError) -> ArraySlice<UInt8>? {
        ended = true
        return try nextLine()
    }

    /// The index of the next `\n` from `searched`, or `nil` (and `searched` moved to the end).
    private mutating func findNewline() -> Int? {
        let from = searched
        let found = buffer.withUnsafeBytes { bytes -> Int? in
            guard let base = bytes.baseAddress, from < bytes.count else { return nil }
            guard let hit = memchr(base + from, Int32(UInt8(ascii: "\n")), bytes.count - from) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        searched = found ?? buffer.count
        return found
    }

    /// Whether the bytes in `range` are only spaces, tabs and `\r` (or none).
    private func isBlank(_ range: Range<Int>) -> Bool {
        // Records start with `{`: the first byte settles nearly every line.
        guard let first = range.first, Self.isSpace(buffer[first]) else { return range.isEmpty }
        return buffer[range].allSatisfy(Self.isSpace)
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// Records `error` for every later call and returns it.
    private mutating func fail(_ error: FileError) -> FileError {
        failure = error
        return error
    }
}
