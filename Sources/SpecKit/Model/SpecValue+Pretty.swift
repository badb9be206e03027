extension SpecValue {
    /// Pretty JSON text, two spaces per level, one line per element; scalars and arrays of
    /// scalars stay on one line. Keys keep their order.
    public var prettyJSONLines: [String] {
        var lines: [String] = []
        Self.pretty(self, indent: "", prefix: "", suffix: "", into: &lines)
        return lines
    }

    private static func pretty(_ value: SpecValue, indent: String, prefix: String, suffix: String, into lines: inout [String]) {
        switch value {
        case let .object(members) where !members.isEmpty:
            lines.append(indent + prefix + "{")
            for (index, member) in members.enumerated() {
                let comma = index == members.count - 1 ? "" : ","
                pretty(member.value, indent: indent + "  ", prefix: JSONText.quoted(member.key) + ": ", suffix: comma, into: &lines)
            }
            lines.append(indent + "}" + suffix)
        case let .array(items) where items.contains(where: \.isContainer):
            lines.append(indent + prefix + "[")
            for (index, item) in items.enumerated() {
                pretty(item, indent: indent + "  ", prefix: "", suffix: index == items.count - 1 ? "" : ",", into: &lines)
            }
            lines.append(indent + "]" + suffix)
        default:
            var line = indent
            line += prefix
            line += value.jsonText
            line += suffix
            lines.append(line)
        }
    }

    private var isContainer: Bool {
        switch self {
        case let .object(members): !members.isEmpty
        case let .array(items): !items.isEmpty
        default: false
        }
    }
}
