/// A YAML value, written with every string double-quoted so that no text changes type.
indirect enum YAML {
    case text(String)
    case integer(Int)
    case bool(Bool)
    case list([YAML])
    case map([(String, YAML)])

    /// The value as a YAML document: mappings in block style, sequences in flow style.
    var yamlDocument: String {
        block(indent: 0).joined(separator: "\n") + "\n"
    }

    private func block(indent: Int) -> [String] {
        guard case let .map(entries) = self, !entries.isEmpty else { return [String(repeating: " ", count: indent) + flow] }
        let pad = String(repeating: " ", count: indent)
        return entries.flatMap { key, value -> [String] in
            if case let .map(inner) = value, !inner.isEmpty {
                return [pad + Self.quoted(key) + ":"] + value.block(indent: indent + 2)
            }
            return [pad + Self.quoted(key) + ": " + value.flow]
        }
    }

    private var flow: String {
        switch self {
        case let .text(text): Self.quoted(text)
        case let .integer(number): String(number)
        case let .bool(flag): flag ? "true" : "false"
        case let .list(items): "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case let .map(entries): "{" + entries.map { Self.quoted($0.0) + ": " + $0.1.flow }.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
