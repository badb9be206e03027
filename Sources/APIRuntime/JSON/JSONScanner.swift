import Foundation

/// An open array or object: where its members start on the scanner's shared stacks.
struct OpenContainer {
    let isObject: Bool
    /// The index of its first member in the pending values.
    let valueStart: Int
    /// The index of its first key in the pending keys (objects only).
    let keyStart: Int
}

/// An object key read but not yet stored, with its offset for duplicate-key errors.
struct PendingKey {
    let name: String
    let offset: Int
    /// Its ``JSONScanner/keyCache`` slot when it was interned, else -1.
    let slot: Int
}

/// A key in ``JSONScanner/keyCache``: its string, and where its bytes are in the input.
struct InternedKey {
    let name: String
    let start: Int
    let length: Int
}

/// The byte-level parser behind ``JSONParser``.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    /// Reused buffer for strings with escapes.
    var scratch: [UInt8] = []
    /// Object keys read so far, so that a key repeated in every item of a page is made
    /// into a `String` once and shared (see ``readKeyName()``).
    var keyCache = [InternedKey?](repeating: nil, count: JSONScanner.keyCacheSize)
    /// Per ``keyCache`` slot, the serial of the last object that had a key in it (see ``duplicateKey(_:)``).
    var slotSeenInObject = [UInt32](repeating: 0, count: JSONScanner.keyCacheSize)
    /// The serial of the object whose keys are being checked.
    var objectSerial: UInt32 = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error("empty input") }
        if bytes[index] == UInt8(ascii: "<") {
            throw error("unexpected character '<'; the body looks like HTML or XML, not JSON")
        }
        var stack: [OpenContainer] = []
        // The members read so far of all open containers, innermost last, in two shared
        // buffers rather than one growing array or dictionary per container.
        var values: [JSONValue] = []
        var keys: [PendingKey] = []
        var value: JSONValue
        readValue: while true {
            guard index < bytes.count else { throw endOfInput("expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < maximumDepth else { throw error("nesting deeper than \(maximumDepth) levels") }
                let isObject = bytes[index] == UInt8(ascii: "{")
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    stack.append(OpenContainer(isObject: isObject, valueStart: values.count, keyStart: keys.count))
                    if isObject { keys.append(try readKey()) }
                    continue readValue
                }
            default:
                value = try readScalar()
            }
            // Hand the finished value to its container, closing containers as they end.
            while true {
                skipWhitespace()
                guard let container = stack.last else {
                    guard index == bytes.count else { throw error("unexpected \(describeByte()) after the JSON value") }
                    return value
                }
                values.append(value)
                let close = container.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard index < bytes.count else { throw endOfInput("expected ',' or '\(UnicodeScalar(close))'") }
                switch bytes[index] {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                    if container.isObject {
                        keys.append(try readKey())
                    } else if index < bytes.count, bytes[index] == close {
                        throw error("trailing comma before ']'")
                    }
                    continue readValue
                case close:
                    index += 1
                    stack.removeLast()
                    if container.isObject {
                        value = .object(try makeObject(container, values: &values, keys: &keys))
                    } else {
                        value = .array(Self.takeValues(from: container.valueStart, of: &values))
                    }
                default:
                    throw error("expected ',' or '\(UnicodeScalar(close))' but found \(describeByte())")
                }
            }
        }
    }

    /// Moves an object's pending members into a ``JSONObject``, refusing duplicate keys.
    mutating func makeObject(
        _ container: OpenContainer, values: inout [JSONValue], keys: inout [PendingKey]
    ) throws(JSONParseError) -> JSONObject {
        let start = container.valueStart
        let count = values.count - start
        if let duplicate = duplicateKey(keys[container.keyStart...]) {
            values.removeSubrange(start...)
            throw error("duplicate key \"\(duplicate.name)\" in object", at: duplicate.offset)
        }
        // Each value is moved into the object (no retain and release per value); what is
        // left behind holds no references.
        let members = values.withUnsafeMutableBufferPointer { pending in
            [JSONObject.Element](unsafeUninitializedCapacity: count) { moved, initialized in
                guard let source = pending.baseAddress, let target = moved.baseAddress else { return }
                for position in 0..<count {
                    let slot = source + start + position
                    (target + position).initialize(to: (keys[container.keyStart + position].name, slot.move()))
                    slot.initialize(to: .null)
                }
                initialized = count
            }
        }
        values.removeSubrange(start...)
        keys.removeSubrange(container.keyStart...)
        return JSONObject(uniqueMembers: members)
    }

    /// The first key of an object that repeats an earlier one, or nil.
    ///
    /// Interned keys are told apart by their ``keyCache`` slot: when no two keys of the
    /// object share a slot (and all were interned), no two are equal, and no string is
    /// compared. Otherwise the keys are compared.
    mutating func duplicateKey(_ keys: ArraySlice<PendingKey>) -> PendingKey? {
        objectSerial &+= 1
        var distinct = true
        for key in keys {
            guard key.slot >= 0, slotSeenInObject[key.slot] != objectSerial else {
                distinct = false
                break
            }
            slotSeenInObject[key.slot] = objectSerial
        }
        if distinct { return nil }
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.first { !seen.insert($0.name).inserted }
    }

    /// The pending values from `start` on, moved out of `values` (no retain and release per value).
    static func takeValues(from start: Int, of values: inout [JSONValue]) -> [JSONValue] {
        let count = values.count - start
        let taken = values.withUnsafeMutableBufferPointer { pending in
            [JSONValue](unsafeUninitializedCapacity: count) { moved, initialized in
                guard let source = pending.baseAddress, let target = moved.baseAddress else { return }
                target.moveInitialize(from: source + start, count: count)
                // What is left behind holds no references, so removing it releases nothing.
                (source + start).initialize(repeating: .null, count: count)
                initialized = count
            }
        }
        values.removeSubrange(start...)
        return taken
    }

    /// Reads `"key"` and the `:` after it, leaving `index` at the value.
    mutating func readKey() throws(JSONParseError) -> PendingKey {
        guard index < bytes.count else { throw endOfInput("expected a string key") }
        let offset = index
        switch bytes[index] {
        case UInt8(ascii: "\""):
            break
        case UInt8(ascii: "}"):
            throw error("trailing comma before '}'")
        default:
            throw error("expected a string key but found \(describeByte())")
        }
        let (key, slot) = try readKeyName()
        skipWhitespace()
        guard index < bytes.count else { throw endOfInput("expected ':'") }
        guard bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' but found \(describeByte())") }
        index += 1
        skipWhitespace()
        return PendingKey(name: key, offset: offset, slot: slot)
    }

    mutating func readScalar() throws(JSONParseError) -> JSONValue {
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try readNumber())
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        default:
            if hasPrefix("NaN") || hasPrefix("Infinity") {
                throw error("NaN and Infinity are not valid JSON numbers")
            }
            throw error("unexpected \(describeByte())")
        }
    }

    mutating func readLiteral(_ word: StaticString) throws(JSONParseError) {
        for expected in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard index < bytes.count else { throw endOfInput("expected '\(word)'") }
            guard bytes[index] == expected else {
                throw error("unexpected \(describeByte()) in literal, expected '\(word)'", at: index)
            }
            index += 1
        }
    }

    mutating func readNumber() throws(JSONParseError) -> JSONNumber {
        let start = index
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
            if hasPrefix("Infinity") { throw error("NaN and Infinity are not valid JSON numbers") }
        }
        guard index < bytes.count else { throw endOfInput("expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("leading zero in number", at: start) }
        } else {
            try readDigits(expecting: "a digit after '-'")
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try readDigits(expecting: "a digit after '.'")
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            try readDigits(expecting: "a digit in the exponent")
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return JSONNumber(literal: literal)
    }

    /// Reads one or more digits.
    mutating func readDigits(expecting expectation: String) throws(JSONParseError) {
        guard index < bytes.count else { throw endOfInput("expected \(expectation)") }
        guard isDigit(bytes[index]) else { throw error("expected \(expectation) but found \(describeByte())") }
        repeat { index += 1 } while index < bytes.count && isDigit(bytes[index])
    }

    /// The number of slots in ``keyCache`` (a power of two).
    static let keyCacheSize = 256

    /// Reads a key starting at its opening quote: one already read with the same bytes is
    /// returned again (sharing its storage, no allocation); keys with escapes or non-ASCII
    /// bytes take the general path.
    mutating func readKeyName() throws(JSONParseError) -> (name: String, slot: Int) {
        let start = index + 1
        var cursor = endOfPlainASCII(from: start)
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") { break }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return (try readString(), -1) }
            cursor += 1
        }
        guard cursor < bytes.count, let base = bytes.baseAddress else { return (try readString(), -1) }
        let length = cursor - start
        let slot = Self.keyCacheSlot(base + start, length: length)
        if let cached = keyCache[slot], cached.length == length, memcmp(base + cached.start, base + start, length) == 0 {
            index = cursor + 1
            return (cached.name, slot)
        }
        let name = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        keyCache[slot] = InternedKey(name: name, start: start, length: length)
        index = cursor + 1
        return (name, slot)
    }

    /// The ``keyCache`` slot of the key at `key`: its length and its first, middle and last bytes, mixed.
    static func keyCacheSlot(_ key: UnsafePointer<UInt8>, length: Int) -> Int {
        guard length > 0 else { return 0 }
        let bytes = UInt64(key[0]) << 16 | UInt64(key[length / 2]) << 8 | UInt64(key[length - 1])
        let mixed = (UInt64(truncatingIfNeeded: length) << 24 | bytes) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 56) & (keyCacheSize - 1)
    }

    /// Reads a string starting at its opening quote.
    mutating func readString() throws(JSONParseError) -> String {
        let start = index + 1
        var cursor = start
        // Fast path: no escapes, so the bytes are the string.
        while cursor < bytes.count {
            cursor = endOfPlainASCII(from: cursor)
            guard cursor < bytes.count else { break }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                break
            } else if byte < 0x20 {
                throw controlCharacter(at: cursor)
            } else if byte < 0x80 {
                cursor += 1
            } else {
                cursor = try endOfUTF8Sequence(at: cursor)
            }
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<min(cursor, bytes.count)]))
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") {
                index = cursor + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                cursor = try readEscape(at: cursor)
            } else if byte < 0x20 {
                throw controlCharacter(at: cursor)
            } else if byte < 0x80 {
                scratch.append(byte)
                cursor += 1
            } else {
                let end = try endOfUTF8Sequence(at: cursor)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<end]))
                cursor = end
            }
        }
        throw error("unexpected end of input in string starting at byte \(start - 1)", at: bytes.count)
    }

    /// Decodes the escape at `offset` into `scratch`; returns the offset after it.
    mutating func readEscape(at offset: Int) throws(JSONParseError) -> Int {
        guard offset + 1 < bytes.count else { throw error("unexpected end of input in escape sequence", at: bytes.count) }
        let decoded: UInt8
        switch bytes[offset + 1] {
        case UInt8(ascii: "\""): decoded = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): decoded = UInt8(ascii: "\\")
        case UInt8(ascii: "/"): decoded = UInt8(ascii: "/")
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"):
            return try readUnicodeEscape(at: offset)
        default:
            index = offset + 1
            throw error("invalid escape sequence '\\\(describeByte(quoted: false))'", at: offset)
        }
        scratch.append(decoded)
        return offset + 2
    }

    /// Decodes `\uXXXX` (and the low half of a surrogate pair) at `offset`.
    mutating func readUnicodeEscape(at offset: Int) throws(JSONParseError) -> Int {
        let high = try hexQuad(at: offset + 2)
        var end = offset + 6
        var scalarValue = UInt32(high)
        if (0xDC00...0xDFFF).contains(high) {
            throw error("lone surrogate \\u\(hex(high)) in string", at: offset)
        } else if (0xD800...0xDBFF).contains(high) {
            guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "\\"), bytes[end + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate \\u\(hex(high)) in string", at: offset)
            }
            let low = try hexQuad(at: end + 2)
            guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate \\u\(hex(high)) in string", at: offset) }
            scalarValue = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            end += 6
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid \\u escape", at: offset) }
        scratch.append(contentsOf: UTF8.encode(scalar) ?? UTF8.EncodedScalar())
        return end
    }

    func hexQuad(at offset: Int) throws(JSONParseError) -> UInt16 {
        guard offset + 4 <= bytes.count else { throw endOfInput("expected four hex digits in \\u escape") }
        var value: UInt16 = 0
        for position in offset..<(offset + 4) {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("expected four hex digits in \\u escape", at: position)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Checks the multi-byte UTF-8 sequence at `offset` (Unicode table 3-7); returns its end.
    func endOfUTF8Sequence(at offset: Int) throws(JSONParseError) -> Int {
        let lead = bytes[offset]
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw error("invalid UTF-8 byte 0x\(hex(lead))", at: offset)
        }
        guard offset + length <= bytes.count else { throw error("truncated UTF-8 sequence", at: offset) }
        let second = bytes[offset + 1]
        var valid = second >= low && second <= high
        for position in (offset + 2)..<(offset + length) where bytes[position] & 0xC0 != 0x80 {
            valid = false
        }
        guard valid else { throw error("invalid UTF-8 sequence starting with byte 0x\(hex(lead))", at: offset) }
        return offset + length
    }

    // MARK: Helpers

    /// The first offset from `start` on whose byte is not printable ASCII other than `"` and
    /// `\\` (so a string's closing quote, an escape, a control character or a multi-byte
    /// sequence), or an offset less than 8 bytes from the end: plain runs are skipped eight
    /// bytes at a time.
    func endOfPlainASCII(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var cursor = start
        while cursor + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + cursor).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            // A byte of zero in `quote` or `backslash`, a byte below 0x20, or a byte from 0x80.
            let zeroInQuote = (quote &- ones) & ~quote
            let zeroInBackslash = (backslash &- ones) & ~backslash
            let control = (word &- ones &* 0x20) & ~word
            guard (zeroInQuote | zeroInBackslash | control | word) & highs == 0 else { return cursor }
            cursor += 8
        }
        return cursor
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): index += 1
            default: return
            }
        }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    func hasPrefix(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return UnsafeBufferPointer(start: word.utf8Start, count: count).elementsEqual(bytes[index..<(index + count)])
    }

    func hex(_ value: some BinaryInteger) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let width = value > 0xFF ? 4 : 2
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// `character 'x'` for printable ASCII, else `byte 0xNN`.
    func describeByte(quoted: Bool = true) -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        let printable = byte > 0x20 && byte < 0x7F
        if !quoted { return printable ? String(UnicodeScalar(byte)) : "0x\(hex(byte))" }
        return printable ? "character '\(UnicodeScalar(byte))'" : "byte 0x\(hex(byte))"
    }

    func controlCharacter(at offset: Int) -> JSONParseError {
        error("unescaped control character U+00\(hex(bytes[offset])) in string", at: offset)
    }

    func endOfInput(_ expectation: String) -> JSONParseError {
        error("unexpected end of input, \(expectation)", at: bytes.count)
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = offset ?? index
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == UInt8(ascii: "\n") {
            line += 1
            lineStart = position + 1
        }
        return JSONParseError(message: message, offset: offset, line: line, column: offset - lineStart + 1)
    }
}
