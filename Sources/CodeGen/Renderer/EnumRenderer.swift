/// Prints string enums; a tolerant one keeps unknown values in `undocumented(String)`.
struct EnumRenderer {
    func render(_ enumeration: EnumDeclaration, into printer: inout CodePrinter) {
        printer.lines(enumeration.doc)
        guard enumeration.isTolerant else {
            printer.block("public enum \(enumeration.name): Swift.String, APIRuntime.JSONCodable, Codable, Hashable, Sendable, CaseIterable {") { body in
                for (name, raw) in enumeration.cases {
                    body.line("case \(Naming.escaped(name)) = \(SwiftLiteral.string(raw))")
                }
            }
            return
        }
        printer.block("public enum \(enumeration.name): APIRuntime.TolerantEnum {") { body in
            for (name, _) in enumeration.cases {
                body.line("case \(Naming.escaped(name))")
            }
            body.line("/// A value this version of the spec does not list.")
            body.line("case undocumented(Swift.String)")
            body.line()
            body.line("/// The documented values.")
            body.line("public static let documented: [Self] = [\(enumeration.cases.map { "." + Naming.escaped($0.name) }.joined(separator: ", "))]")
            body.line()
            body.line("/// The case for `rawValue`; an unlisted value is kept in `undocumented`.")
            body.block("public init(rawValue: Swift.String) {") { initializer in
                Self.switchOverCases(
                    "rawValue", enumeration, into: &initializer, otherwise: "default: self = .undocumented(rawValue)"
                ) { name, raw in "case \(raw): self = .\(name)" }
            }
            body.line()
            body.line("/// The value as sent by the API.")
            body.block("public var rawValue: Swift.String {") { getter in
                Self.switchOverCases("self", enumeration, into: &getter, otherwise: "case let .undocumented(value): value") { name, raw in
                    "case .\(name): \(raw)"
                }
            }
        }
    }

    /// `switch subject { … }` with one line per documented case (`line` of its escaped
    /// name and its raw value as a literal), then `otherwise`.
    private static func switchOverCases(
        _ subject: String, _ enumeration: EnumDeclaration, into printer: inout CodePrinter, otherwise: String,
        line: (_ name: String, _ raw: String) -> String
    ) {
        printer.line("switch \(subject) {")
        for (name, raw) in enumeration.cases {
            printer.line(line(Naming.escaped(name), SwiftLiteral.string(raw)))
        }
        printer.line(otherwise)
        printer.line("}")
    }
}
