/// Writes ``JSONValue``s as compact, deterministic JSON text.
///
/// Object keys are sorted, there is no whitespace, numbers are written as their literal,
/// and strings escape `"` `\` and control characters (`\n` `\r` `\t` `\b` `\f`, others as
/// `\u00XX`); all other characters, including non-ASCII ones, are written as UTF-8.
/// The writer recurses once per level of nesting; values from ``JSONParser`` are bounded
/// by its `maximumDepth`. Used for JSON-encoded query parameters such as
/// `{"Field":"IndirectReseller","Operator":"starts_with","Value":"…"}`.
public enum JSONWriter {
    /// The compact JSON text of `value`.
    ///
    /// - Parameter value: The value to write.
    /// - Returns: JSON text with sorted keys and no insignificant whitespace.
    public static func string(from value: JSONValue) -> String {
        String(decoding: bytes(from: value), as: UTF8.self)
    }

    /// The compact JSON text of `value`, as UTF-8 bytes.
    ///
    /// - Parameter value: The value to write.
    /// - Returns: UTF-8 JSON text with sorted keys and no insignificant whitespace.
    public static func bytes(from value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case let .bool(flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(number):
            output.append(contentsOf: number.text.utf8)
        case let .string(string):
            writeString(string, into: &output)
        case let .array(items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(item, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(contentsOf: string.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0x00..<0x20:
                let hexDigits = Array("0123456789abcdef".utf8)
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
