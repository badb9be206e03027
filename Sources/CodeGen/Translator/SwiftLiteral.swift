import SpecKit

/// Spec text made safe for Swift source: string literals and doc comments.
enum SwiftLiteral {
    /// `text` as a Swift string literal that means exactly `text`: quotes, backslashes,
    /// `\(` and control characters are escaped, so no spec text can become code.
    static func string(_ text: String) -> String {
        "\"" + escaped(text) + "\""
    }

    /// The inside of a string literal (single- or multi-line) for `text`.
    static func escaped(_ text: String) -> String {
        if text.utf8.allSatisfy(isPlainASCII) {
            // Most spec text is printable ASCII with nothing to escape: as it is.
            guard text.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return text }
            // Only quotes and backslashes to escape: byte by byte.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + 16)
            for byte in text.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        return JSONText.escaped(text) { "\\u{\(String($0.value, radix: 16, uppercase: true))}" }
    }

    /// The `#`s of a raw multi-line string literal (`#"""` … `"""#`) that means exactly
    /// `text`: one more than the longest run of `#` after a backslash or after three quotes
    /// in it, so that the text can spell neither an escape (`\#(`) nor the closing delimiter.
    static func rawDelimiter(for text: String) -> String {
        var longest = 0
        var run = 0
        var quotes = 0
        var counting = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "#"), counting {
                run += 1
                longest = max(longest, run)
                continue
            }
            quotes = byte == UInt8(ascii: "\"") ? quotes + 1 : 0
            counting = byte == UInt8(ascii: "\\") || quotes >= 3
            run = 0
        }
        return String(repeating: "#", count: longest + 1)
    }

    /// Whether `byte` is printable ASCII (space to `~`): nothing a comment or literal must change.
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F
    }

    /// A spec value as a Swift literal of the given Swift type, when it can be written as one.
    static func value(_ value: JSONValue) -> String? {
        switch value {
        case let .string(text): string(text)
        case let .number(number): number.text
        case let .bool(flag): flag ? "true" : "false"
        default: nil
        }
    }

    /// Doc-comment lines (`/// …`) for spec text; every line break starts a new comment line
    /// and control characters are dropped, so the text cannot leave the comment.
    static func docLines(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        // One line of printable ASCII (most summaries): without its trailing spaces.
        if text.utf8.allSatisfy(isPlainASCII) {
            let end = text.utf8.lastIndex { $0 != UInt8(ascii: " ") }
            return end.map { ["/// " + text[...$0]] } ?? []
        }
        var lines: [String] = [""]
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            defer { previous = scalar }
            switch scalar {
            case "\n" where previous == "\r":
                continue
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}":
                lines.append("")
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                lines[lines.count - 1].unicodeScalars.append(" ")
            default:
                lines[lines.count - 1].unicodeScalars.append(scalar)
            }
        }
        let trimmed = lines.map { line in String(line.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed()) }
        let kept = trimmed.reversed().drop(while: \.isEmpty).reversed()
        return kept.map { $0.allSatisfy { $0 == " " || $0 == "\t" } ? "///" : "/// " + $0 }
    }
}
