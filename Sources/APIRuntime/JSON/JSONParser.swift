import Foundation

/// Parses JSON text into ``JSONValue``s, strictly by RFC 8259.
///
/// The parser works on the raw UTF-8 bytes and rejects anything a lenient parser would
/// guess at: invalid UTF-8, unpaired surrogates in `\u` escapes, unescaped control
/// characters, trailing commas, leading zeros, `NaN`/`Infinity`, trailing garbage, empty
/// or truncated input, and duplicate object keys (which would otherwise lose data).
/// One leading UTF-8 byte order mark is skipped. Numbers keep their literal text, so
/// `1e400` and 30-digit integers parse without loss.
///
/// Nesting is tracked on an explicit stack, not by recursion, so even a hostile
/// `maximumDepth` cannot overflow the call stack.
public enum JSONParser {
    /// The default limit on nesting of arrays and objects.
    public static let defaultMaximumDepth = 512

    /// Parses one JSON document from UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - bytes: The document, in UTF-8, optionally starting with a byte order mark.
    ///   - maximumDepth: The deepest nesting of arrays and objects allowed.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { scan($0, maximumDepth: maximumDepth) }.get()
    }

    /// Parses one JSON document from UTF-8 bytes held in `Data`.
    ///
    /// - Parameters:
    ///   - data: The document, in UTF-8, optionally starting with a byte order mark.
    ///   - maximumDepth: The deepest nesting of arrays and objects allowed.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    public static func parse(
        _ data: Data, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        try data.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { scan($0, maximumDepth: maximumDepth) }
        }.get()
    }

    /// Parses one JSON document from any collection of UTF-8 bytes (e.g. an `ArraySlice`).
    ///
    /// - Parameters:
    ///   - bytes: The document, in UTF-8, optionally starting with a byte order mark.
    ///   - maximumDepth: The deepest nesting of arrays and objects allowed.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    public static func parse(
        _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ scan($0, maximumDepth: maximumDepth) }) {
            return try result.get()
        }
        return try parse(Array(bytes), maximumDepth: maximumDepth)
    }

    /// Parses one JSON document from text.
    ///
    /// - Parameters:
    ///   - text: The document.
    ///   - maximumDepth: The deepest nesting of arrays and objects allowed.
    /// - Returns: The document's value.
    /// - Throws: ``JSONParseError`` with the UTF-8 byte offset of the first problem.
    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { scan($0, maximumDepth: maximumDepth) }.get()
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in
            var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth)
            return try scanner.parseDocument()
        }
    }
}

/// Why a body is not valid JSON, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `unexpected character '<'`.
    public let message: String
    /// The 0-based byte offset of the problem in the input (a skipped BOM counts).
    public let offset: Int
    /// The 1-based line of the problem.
    public let line: Int
    /// The 1-based column of the problem, counted in bytes.
    public let column: Int

    /// Creates an error at a byte offset with its line and column.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `invalid JSON at byte 17: unexpected character '<'`.
    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// Parses JSON documents one after another, the lines of a JSON Lines file, sharing what it
/// learns between them: each object key is made into a `String` once and shared by every
/// document that has it, and the parser's tables are set up once rather than per document.
/// Each document is parsed as ``JSONParser`` parses one, with the same strictness.
public struct JSONDocumentParser: Sendable {
    private var keys = JSONKeyCache(size: 4096)
    private let maximumDepth: Int

    /// A parser of documents nested at most `maximumDepth` deep.
    public init(maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.maximumDepth = maximumDepth
    }

    /// Parses one JSON document from UTF-8 bytes.
    /// - Throws: `JSONParseError` with the byte offset of the first problem.
    public mutating func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        if let result = bytes.withContiguousStorageIfAvailable({ scan($0) }) {
            return try result.get()
        }
        return try Array(bytes).withUnsafeBufferPointer { scan($0) }.get()
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        // The cache moves into the scanner and back, never copied.
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth, keys: keys)
        keys = JSONKeyCache(size: 0)
        defer { keys = scanner.keys }
        return Result { () throws(JSONParseError) in try scanner.parseDocument() }
    }
}
