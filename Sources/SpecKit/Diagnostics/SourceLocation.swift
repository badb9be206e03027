/// A position in a spec file, 1-based like the Swift compiler's diagnostics.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The file path as it was given to the loader.
    public var file: String
    // Stored in 32 bits each (every YAML node and schema has a location): 24 bytes a
    // location instead of 32. A line or column past 2^31 is clamped.
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The line, counting from 1.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// The column, counting from 1, in Unicode scalars as libyaml counts them.
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        storedLine = Int32(clamping: line)
        storedColumn = Int32(clamping: column)
    }

    /// `FILE:LINE:COLUMN`.
    public var description: String { "\(file):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

extension SourceLocation {
    /// The position of the byte at `byteOffset` in the UTF-8 text `bytes`, counted as libyaml
    /// counts marks: lines end at LF, CR LF, CR, NEL, LS or PS; columns count characters; a
    /// leading byte-order mark is not counted.
    init(file: String, byteOffset: Int, in bytes: some Collection<UInt8>) {
        var line = 1
        var column = 1
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        for (index, byte) in bytes.prefix(max(0, byteOffset)).enumerated() {
            defer { (beforePrevious, previous) = (previous, byte) }
            if hasByteOrderMark, index < 3 { continue }
            switch byte {
            case 0x0A:
                if previous != 0x0D { line += 1 }
                column = 1
            case 0x0D:
                line += 1
                column = 1
            case 0x85 where previous == 0xC2, 0xA8 where previous == 0x80 && beforePrevious == 0xE2,
                0xA9 where previous == 0x80 && beforePrevious == 0xE2:
                // NEL (U+0085), LS (U+2028), PS (U+2029): line breaks to YAML 1.1 and libyaml.
                line += 1
                column = 1
            case 0x80...0xBF:
                break  // a continuation byte: same character
            default:
                column += 1
            }
        }
        self.init(file: file, line: line, column: column)
    }

    /// The position of the first byte of `bytes` that is not valid UTF-8, or nil when all are.
    static func firstInvalidUTF8(in bytes: some Collection<UInt8>, file: String) -> SourceLocation? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case let .valid(encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return SourceLocation(file: file, byteOffset: offset, in: bytes)
            }
        }
    }
}
