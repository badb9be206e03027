import SpecKit

/// Prints the compiled spec as pretty JSON inside a Swift multi-line string literal.
struct DocumentRenderer {
    let typeName: String

    func render(_ document: SpecValue, into printer: inout CodePrinter) {
        printer.line("/// The compiled spec, read once by `APIDocument`.")
        printer.block("enum \(typeName) {") { body in
            body.line("static let json = \"\"\"")
            var lines: [String] = []
            Self.pretty(document, indent: "", into: &lines, prefix: "")
            for line in lines {
                body.line(SwiftLiteral.escaped(line))
            }
            body.line("\"\"\"")
        }
    }

    /// Pretty JSON, two spaces per level; scalars and arrays of scalars stay on one line.
    private static func pretty(_ value: SpecValue, indent: String, into lines: inout [String], prefix: String, suffix: String = "") {
        switch value {
        case let .object(members) where !members.isEmpty:
            lines.append(indent + prefix + "{")
            for (index, member) in members.enumerated() {
                let comma = index == members.count - 1 ? "" : ","
                pretty(member.value, indent: indent + "  ", into: &lines, prefix: JSONText.quoted(member.key) + ": ", suffix: comma)
            }
            lines.append(indent + "}" + suffix)
        case let .array(items) where items.contains(where: \.isContainer):
            lines.append(indent + prefix + "[")
            for (index, item) in items.enumerated() {
                pretty(item, indent: indent + "  ", into: &lines, prefix: "", suffix: index == items.count - 1 ? "" : ",")
            }
            lines.append(indent + "]" + suffix)
        default:
            lines.append(indent + prefix + value.jsonText + suffix)
        }
    }
}

extension SpecValue {
    fileprivate var isContainer: Bool {
        switch self {
        case let .object(members): !members.isEmpty
        case let .array(items): !items.isEmpty
        default: false
        }
    }
}
