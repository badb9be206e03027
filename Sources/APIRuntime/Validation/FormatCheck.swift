import SchemaVocabulary

/// The checks behind the `format` keyword, on a string's UTF-8 bytes.
enum FormatCheck {
    /// Whether `string` has `format`.
    static func isValid(_ string: String, as format: JSONSchema.Format) -> Bool {
        var string = string
        return string.withUTF8 { isValid($0, as: format) }
    }

    /// Whether the UTF-8 `bytes` have `format`.
    private static func isValid(_ bytes: UnsafeBufferPointer<UInt8>, as format: JSONSchema.Format) -> Bool {
        switch format {
        case .uuid: return isUUID(bytes)
        case .dateTime: return isDateTime(bytes, offset: .required)
        case .dateTimeZoneOptional: return isDateTime(bytes, offset: .optional)
        case .decimal: return JSONNumberLiteral.isValid(bytes)
        case .uri: return isURI(bytes)
        case .email: return isEmail(bytes)
        }
    }

    /// 8-4-4-4-12 hexadecimal digits, either case.
    static func isUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (position, byte) in bytes.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard byte.isHexDigit else { return false }
            }
        }
        return true
    }

    /// Whether a date-time must end in its offset from UTC.
    enum Offset {
        case required, optional
    }

    /// RFC 3339 `date-time`: `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, the offset left out
    /// when `offset` is `.optional`.
    static func isDateTime(_ bytes: UnsafeBufferPointer<UInt8>, offset: Offset) -> Bool {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2),
              reader.skip("T") || reader.skip("t"),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2)
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        if reader.skip(".") {
            guard reader.number(digits: 1) != nil else { return false }
            while reader.number(digits: 1) != nil {}
        }
        // A leap second (`:60`) ends the last minute of a UTC day (RFC 3339 §5.7).
        let minuteOfDay = hour * 60 + minute
        if offset == .optional, reader.isAtEnd { return second < 60 || minuteOfDay == 1439 }
        if reader.skip("Z") || reader.skip("z") { return reader.isAtEnd && (second < 60 || minuteOfDay == 1439) }
        let sign = reader.skip("+") ? 1 : (reader.skip("-") ? -1 : 0)
        guard sign != 0, let offsetHour = reader.number(digits: 2), reader.skip(":"),
              let offsetMinute = reader.number(digits: 2), offsetHour <= 23, offsetMinute <= 59, reader.isAtEnd
        else { return false }
        let utcMinute = ((minuteOfDay - sign * (offsetHour * 60 + offsetMinute)) % 1440 + 1440) % 1440
        return second < 60 || utcMinute == 1439
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The characters besides letters, digits and `%XX` that a URI may hold.
    private static let uriPunctuation = Array("-._~:/?#[]@!$&'()*+,;=".utf8)

    /// An absolute URI (RFC 3986): `scheme ":" …` with only URI characters and valid `%XX`.
    static func isURI(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, bytes[0].isLetter else { return false }
        for byte in bytes[1..<colon] {
            guard byte.isLetter || byte.isDigit || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
            else { return false }
        }
        var position = colon + 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "%") {
                guard position + 2 < bytes.count, bytes[position + 1].isHexDigit, bytes[position + 2].isHexDigit else {
                    return false
                }
                position += 3
            } else {
                guard byte.isLetter || byte.isDigit || uriPunctuation.contains(byte) else { return false }
                position += 1
            }
        }
        return true
    }

    /// `local@domain.tld`: a non-empty local part without spaces, one `@`, and a domain
    /// of two or more dot-separated labels of letters, digits and inner hyphens.
    static func isEmail(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty else { return false }
        guard local.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\"") }) else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
                && label.allSatisfy { $0.isLetter || $0.isDigit || $0 == UInt8(ascii: "-") || $0 >= 0x80 }
        }
    }
}

/// Reads fixed-width decimal fields and separators from the front of some bytes.
private struct DigitReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var isAtEnd: Bool { position == bytes.count }

    /// Reads exactly `digits` decimal digits.
    mutating func number(digits: Int) -> Int? {
        guard position + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<(position + digits)] {
            guard byte.isDigit else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += digits
        return value
    }

    /// Reads `separator` if it is next.
    mutating func skip(_ separator: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: separator) else { return false }
        position += 1
        return true
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var isLetter: Bool { (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") }
    fileprivate var isHexDigit: Bool { isDigit || ((self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "f")) }
}
