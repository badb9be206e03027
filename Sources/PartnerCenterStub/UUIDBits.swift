/// The 128 bits a sample UUID is written from, and the key that finds it again from its text.
///
/// The text is the 32 hex digits of `high` then `low` with dashes after digits 8, 12, 16 and
/// 20, and digit 12 written as `4` and digit 16 as `a` (the version and variant of a version-4
/// UUID): those two digits of the bits do not appear in the text.
struct UUIDBits: Equatable {
    var high: UInt64
    var low: UInt64

    /// The bits that do appear in the text: equal keys, equal texts.
    var key: UUIDBits {
        UUIDBits(high: high & ~(0xF << 12), low: low & ~(0xF << 60))
    }

    /// `xxxxxxxx-xxxx-4xxx-axxx-xxxxxxxxxxxx`, lowercase.
    var text: String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        for digit in 0..<32 {
            if digit == 8 || digit == 12 || digit == 16 || digit == 20 { bytes.append(UInt8(ascii: "-")) }
            let word = digit < 16 ? high : low
            let nibble = Int((word >> UInt64(60 - 4 * (digit % 16))) & 0xF)
            bytes.append(digit == 12 ? UInt8(ascii: "4") : digit == 16 ? UInt8(ascii: "a") : hex[nibble])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The key of a UUID's text (any case), or nil when it is not one in this shape.
    static func key(of text: String) -> UUIDBits? {
        let characters = Array(text.lowercased().utf8)
        guard characters.count == 36 else { return nil }
        var words: [UInt64] = [0, 0]
        var digit = 0
        for (position, character) in characters.enumerated() {
            if position == 8 || position == 13 || position == 18 || position == 23 {
                guard character == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt64
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(character - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(character - UInt8(ascii: "a") + 10)
            default: return nil
            }
            words[digit / 16] |= value << UInt64(60 - 4 * (digit % 16))
            digit += 1
        }
        return UUIDBits(high: words[0], low: words[1]).key
    }
}
