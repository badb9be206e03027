import JSONValues

extension JSONValue {
    /// Pretty JSON text, two spaces per level, keys in their order; every line starts with
    /// `indent` and ends with a line break.
    ///
    /// Scalars and arrays of scalars stay on one line (compact, `["a","b"]`, when there is no
    /// `lineWidth`). With a `lineWidth`, so does any container whose one-line form
    /// (`{"type": "string", "format": "uuid"}`) fits in that many columns, `indent` included:
    /// the text stays readable at a fraction of the lines.
    public func prettyJSON(indent: String = "", lineWidth: Int? = nil) -> String {
        var writer = PrettyJSONWriter(lineWidth: lineWidth)
        writer.write(self, indent: indent, prefix: "", suffix: "")
        return writer.text
    }

    fileprivate var isContainer: Bool {
        switch self {
        case let .object(members): !members.isEmpty
        case let .array(items): !items.isEmpty
        default: false
        }
    }
}

/// Writes ``JSONValue/prettyJSON(indent:lineWidth:)``'s text.
private struct PrettyJSONWriter {
    var text = ""
    let lineWidth: Int?

    mutating func write(_ value: JSONValue, indent: String, prefix: String, suffix: String) {
        let fitsOnOneLine: Bool = switch value {
        case .object where value.isContainer, .array where value.isContainer:
            lineWidth.map { width in
                let room = width - indent.utf8.count - prefix.utf8.count - suffix.utf8.count
                return Self.oneLineLength(of: value, atMost: room) != nil
            } ?? false
        default: true
        }
        switch value {
        case let .object(members) where !fitsOnOneLine:
            line(indent, prefix, "{")
            let inner = indent + "  "
            for (index, member) in members.enumerated() {
                write(member.value, indent: inner, prefix: JSONText.quoted(member.key) + ": ", suffix: index == members.count - 1 ? "" : ",")
            }
            line(indent, "}", suffix)
        case let .array(items) where !fitsOnOneLine && items.contains(where: \.isContainer):
            line(indent, prefix, "[")
            let inner = indent + "  "
            for (index, item) in items.enumerated() {
                write(item, indent: inner, prefix: "", suffix: index == items.count - 1 ? "" : ",")
            }
            line(indent, "]", suffix)
        default:
            text += indent
            text += prefix
            // Without a width, as compact as before there was one: `["a","b"]`.
            writeOneLine(value, compact: lineWidth == nil)
            text += suffix
            text += "\n"
        }
    }

    private mutating func line(_ first: String, _ second: String, _ third: String) {
        text += first
        text += second
        text += third
        text += "\n"
    }

    /// `value` on one line: `", "` between members and items and `": "` after keys, or
    /// `","` and `":"` when `compact`.
    private mutating func writeOneLine(_ value: JSONValue, compact: Bool) {
        switch value {
        case let .object(members):
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += compact ? "," : ", " }
                text += JSONText.quoted(member.key)
                text += compact ? ":" : ": "
                writeOneLine(member.value, compact: compact)
            }
            text += "}"
        case let .array(items):
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += compact ? "," : ", " }
                writeOneLine(item, compact: compact)
            }
            text += "]"
        default:
            text += Self.scalarText(value)
        }
    }

    /// A scalar's JSON text: strings quoted by ``JSONText/quoted(_:)``, numbers as written.
    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case let .bool(flag): flag ? "true" : "false"
        case let .number(number): number.text
        case let .string(text): JSONText.quoted(text)
        case .array, .object: JSONWriter.string(from: value, order: .received)
        }
    }

    /// The length in bytes of `value` written on one line, or nil when it is more than `limit`
    /// (found without writing it, and without looking further than the limit).
    private static func oneLineLength(of value: JSONValue, atMost limit: Int) -> Int? {
        var length = 0
        func add(_ value: JSONValue) -> Bool {
            switch value {
            case let .object(members):
                length += 2 + max(members.count - 1, 0) * 2
                for member in members {
                    length += JSONText.quotedLength(member.key) + 2
                    guard length <= limit, add(member.value) else { return false }
                }
            case let .array(items):
                length += 2 + max(items.count - 1, 0) * 2
                for item in items {
                    guard length <= limit, add(item) else { return false }
                }
            case let .string(text):
                length += JSONText.quotedLength(text)
            default:
                length += scalarText(value).utf8.count
            }
            return length <= limit
        }
        return add(value) ? length : nil
    }
}
