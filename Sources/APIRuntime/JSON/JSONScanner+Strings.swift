import Foundation

// Keys and strings: the key cache, escapes and UTF-8 checks.
extension JSONScanner {
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
        let slot = keys.slot(base + start, length: length)
        if let cached = keys.entries[slot], cached.utf8.count == length,
            cached.utf8.withContiguousStorageIfAvailable({ stored in stored.baseAddress.map { memcmp($0, base + start, length) == 0 } ?? (length == 0) }) == true
        {
            index = cursor + 1
            return (cached, slot)
        }
        let name = String(decoding: UnsafeBufferPointer(start: base + start, count: length), as: UTF8.self)
        keys.entries[slot] = name
        index = cursor + 1
        return (name, slot)
    }

    /// Reads a string starting at its opening quote.
    mutating func readString() throws(JSONParseError) -> String {
        let start = index + 1
        // Fast path: no escapes, so the bytes are the string.
        var cursor = try endOfPlainString(from: start, opening: index)
        if bytes[cursor] == UInt8(ascii: "\"") {
            index = cursor + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<cursor]))
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
        throw unterminatedString(opening: start - 1)
    }

    /// Reads past the string starting at its opening quote, checking it as ``readString()``
    /// does (escapes, control characters, UTF-8) without making it.
    mutating func skipString() throws(JSONParseError) {
        let opening = index
        var cursor = try endOfPlainString(from: opening + 1, opening: opening)
        while bytes[cursor] == UInt8(ascii: "\\") {
            scratch.removeAll(keepingCapacity: true)
            cursor = try endOfPlainString(from: readEscape(at: cursor), opening: opening)
        }
        index = cursor + 1
    }

    /// The offset of the first `"` or `\\` from `start` on, in a string that opened at
    /// `opening`: what lies before it is the string's own bytes, checked (no control
    /// character, valid UTF-8).
    /// - Throws: at a control character, invalid UTF-8, or the end of the input.
    func endOfPlainString(from start: Int, opening: Int) throws(JSONParseError) -> Int {
        var cursor = start
        while cursor < bytes.count {
            cursor = endOfPlainASCII(from: cursor)
            guard cursor < bytes.count else { break }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return cursor
            } else if byte < 0x20 {
                throw controlCharacter(at: cursor)
            } else if byte < 0x80 {
                cursor += 1
            } else {
                cursor = try endOfUTF8Sequence(at: cursor)
            }
        }
        throw unterminatedString(opening: opening)
    }

    private func unterminatedString(opening: Int) -> JSONParseError {
        error("unexpected end of input in string starting at byte \(opening)", at: bytes.count)
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
}
