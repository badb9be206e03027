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
    /// Its ``JSONKeyCache`` slot when it was interned, else -1.
    let slot: Int
}

/// Object keys already made into `String`s, so that a key repeated in every item of a page
/// (or every line of a JSON Lines file) is made once and shared; and, per slot, the serial of
/// the last object that had a key in it (see ``JSONScanner/duplicateKey(_:)``).
///
/// A key is found by a hash of its length and its first and last eight bytes, then compared
/// with the cached string's UTF-8; keys are kept by value, so a cache outlives the input it
/// was filled from (``JSONDocumentParser`` keeps one across documents).
struct JSONKeyCache {
    /// The slot count, a power of two.
    let size: Int
    var entries: [String?]
    var slotSeenInObject: [UInt32]
    /// Per slot, the position in its object of the key that took it first (valid when
    /// ``slotSeenInObject`` holds the current serial).
    var slotOwner: [Int32]
    /// The serial of the object whose keys are being checked.
    var objectSerial: UInt32 = 0

    init(size: Int) {
        self.size = size
        entries = [String?](repeating: nil, count: size)
        slotSeenInObject = [UInt32](repeating: 0, count: size)
        slotOwner = [Int32](repeating: 0, count: size)
    }

    /// The slot of the key at `key`: its length and its first and last eight bytes, mixed.
    func slot(_ key: UnsafePointer<UInt8>, length: Int) -> Int {
        var head: UInt64 = 0
        var tail: UInt64 = 0
        let prefix = min(8, length)
        memcpy(&head, key, prefix)
        memcpy(&tail, key + (length - prefix), prefix)
        let mixed = (head ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: length)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 40) & (size - 1)
    }
}

/// The byte-level parser behind ``JSONParser``.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    /// Reused buffer for strings with escapes.
    var scratch: [UInt8] = []
    /// Object keys read so far (see ``readKeyName()``).
    var keys: JSONKeyCache

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, keys: JSONKeyCache = JSONKeyCache(size: 256)) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
        self.keys = keys
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        skipWhitespace()
        guard index < bytes.count else { throw error("empty input") }
        if bytes[index] == UInt8(ascii: "<") {
            throw error("unexpected character '<'; the body looks like HTML or XML, not JSON")
        }
        let value = try parseValue(maximumDepth: maximumDepth)
        skipWhitespace()
        guard index == bytes.count else { throw error("unexpected \(describeByte()) after the JSON value") }
        return value
    }

    /// Parses the value at ``index``, nested at most `maximumDepth` deep, leaving ``index``
    /// just after it.
    mutating func parseValue(maximumDepth: Int) throws(JSONParseError) -> JSONValue {
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
                guard let container = stack.last else { return value }
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
    /// Interned keys are told apart by their ``JSONKeyCache`` slot: equal keys share a slot,
    /// so only keys whose slot another key of the object took too can be equal, and only
    /// those are compared, with each other. A key that was not interned (escapes, non-ASCII)
    /// sends every key to the general check.
    mutating func duplicateKey(_ keys: ArraySlice<PendingKey>) -> PendingKey? {
        self.keys.objectSerial &+= 1
        let serial = self.keys.objectSerial
        var sharingSlots: [PendingKey] = []
        for (position, key) in zip(keys.indices, keys) {
            guard key.slot >= 0 else { return Self.firstRepeated(keys) }
            if self.keys.slotSeenInObject[key.slot] == serial {
                let first = keys[keys.startIndex + Int(self.keys.slotOwner[key.slot])]
                if !sharingSlots.contains(where: { $0.offset == first.offset }) { sharingSlots.append(first) }
                sharingSlots.append(key)
            } else {
                self.keys.slotSeenInObject[key.slot] = serial
                self.keys.slotOwner[key.slot] = Int32(truncatingIfNeeded: position - keys.startIndex)
            }
        }
        return sharingSlots.isEmpty ? nil : Self.firstRepeated(sharingSlots[...])
    }

    /// The first of `keys` that repeats an earlier one, comparing the strings.
    private static func firstRepeated(_ keys: ArraySlice<PendingKey>) -> PendingKey? {
        var seen = Set<String>(minimumCapacity: keys.count)
        return keys.sorted { $0.offset < $1.offset }.first { !seen.insert($0.name).inserted }
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
        try skipNumber()
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return JSONNumber(literal: literal)
    }

    /// Reads past the number at ``index``, checking its grammar.
    mutating func skipNumber() throws(JSONParseError) {
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
    }

    /// Reads one or more digits.
    mutating func readDigits(expecting expectation: String) throws(JSONParseError) {
        guard index < bytes.count else { throw endOfInput("expected \(expectation)") }
        guard isDigit(bytes[index]) else { throw error("expected \(expectation) but found \(describeByte())") }
        repeat { index += 1 } while index < bytes.count && isDigit(bytes[index])
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
