/// JSON string quoting shared by everything that writes JSON text.
public enum JSONText {
    /// `text` as a JSON string literal: quotes, backslashes and control characters (C0, DEL,
    /// C1 and the Unicode line separators) are escaped; other characters stay as they are, so
    /// readers that do not join surrogate-pair escapes (YAML-based ones) read it too.
    public static func quoted(_ text: String) -> String {
        // Printable ASCII without a quote or a backslash (most keys and values): as it is.
        if isPlain(text) {
            return "\"" + text + "\""
        }
        let escapedText = escaped(text) { scalar in
            String(scalar).utf16.map { unit in
                let hex = String(unit, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }.joined()
        }
        return "\"" + escapedText + "\""
    }

    /// `text` with quotes, backslashes, `\n`, `\r` and `\t` escaped as JSON (and Swift) write
    /// them, and every other control character (C0, DEL, C1 and the Unicode line separators)
    /// as `control` spells it: JSON's `\u00XX`, Swift's `\u{XX}`. Other characters stay.
    public static func escaped(_ text: String, control: (Unicode.Scalar) -> String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                result += control(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The length in bytes of ``quoted(_:)``'s text, made only when `text` has something to escape.
    public static func quotedLength(_ text: String) -> Int {
        isPlain(text) ? text.utf8.count + 2 : quoted(text).utf8.count
    }

    /// Whether `text` is printable ASCII without a quote or a backslash: nothing to escape.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
    }
}
