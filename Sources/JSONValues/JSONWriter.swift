/// Writes ``JSONValue``s as compact (or indented), deterministic JSON text.
///
/// Object keys are sorted (or kept in the order received, for output that passes data on),
/// there is no whitespace, numbers are written as their literal,
/// and strings escape `"` `\` and control characters (`\n` `\r` `\t` `\b` `\f`, others as
/// `\u00XX`); all other characters, including non-ASCII ones, are written as UTF-8.
/// The writer recurses once per level of nesting; values from ``JSONParser`` are bounded
/// by its `maximumDepth`. Used for JSON-encoded query parameters such as
/// `{"Field":"IndirectReseller","Operator":"starts_with","Value":"…"}`.
public enum JSONWriter {
    /// The order an object's members are written in.
    public enum KeyOrder: Sendable {
        /// By key: the same text for the same value, however it was built.
        case sorted
        /// As the object holds them: for a parsed value, as they were received.
        case received
    }

    /// The JSON text of `value`: compact, or indented two spaces per level for people.
    ///
    /// - Parameters:
    ///   - value: The value to write.
    ///   - indented: One member or item per line, `"key": value`, empty containers as `[]`/`{}`.
    ///   - order: The order of each object's members.
    /// - Returns: JSON text.
    public static func string(from value: JSONValue, indented: Bool = false, order: KeyOrder = .sorted) -> String {
        String(decoding: bytes(from: value, indented: indented, order: order), as: UTF8.self)
    }

    /// The JSON text of `value`, as UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - value: The value to write.
    ///   - indented: As for ``string(from:indented:order:)``.
    ///   - order: The order of each object's members.
    /// - Returns: UTF-8 JSON text.
    public static func bytes(from value: JSONValue, indented: Bool = false, order: KeyOrder = .sorted) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output, indentation: indented ? 0 : nil, order: order)
        return output
    }

    /// Writes `value`; `indentation` is the current depth when indenting, nil when compact.
    private static func write(_ value: JSONValue, into output: inout [UInt8], indentation: Int?, order: KeyOrder) {
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
            writeContainer(items, open: "[", close: "]", into: &output, indentation: indentation) { item, output, depth in
                write(item, into: &output, indentation: depth, order: order)
            }
        case let .object(members):
            let ordered = order == .sorted ? members.sorted { $0.key < $1.key } : Array(members)
            writeContainer(ordered, open: "{", close: "}", into: &output, indentation: indentation) { member, output, depth in
                writeString(member.key, into: &output)
                output.append(contentsOf: (depth == nil ? ":" : ": ").utf8)
                write(member.value, into: &output, indentation: depth, order: order)
            }
        }
    }

    private static func writeContainer<Element>(
        _ elements: [Element], open: Unicode.Scalar, close: Unicode.Scalar, into output: inout [UInt8], indentation: Int?,
        element: (Element, inout [UInt8], Int?) -> Void
    ) {
        output.append(UInt8(ascii: open))
        let inner = indentation.map { $0 + 1 }
        for (position, item) in elements.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            newline(into: &output, depth: inner)
            element(item, &output, inner)
        }
        if !elements.isEmpty { newline(into: &output, depth: indentation) }
        output.append(UInt8(ascii: close))
    }

    private static func newline(into output: inout [UInt8], depth: Int?) {
        guard let depth else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
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
