/// Prints model declarations: structs, enums and aliases.
struct ModelRenderer {
    func render(_ declaration: TypeDeclaration, into printer: inout CodePrinter) {
        switch declaration {
        case let .structure(structure): render(structure, into: &printer)
        case let .enumeration(enumeration): EnumRenderer().render(enumeration, into: &printer)
        case let .alias(alias):
            printer.lines(alias.doc)
            printer.line("public typealias \(alias.name) = \(alias.type)")
        }
    }

    private func render(_ structure: StructDeclaration, into printer: inout CodePrinter) {
        printer.lines(structure.doc)
        printer.block("public struct \(structure.name): Codable, Hashable, Sendable {") { body in
            for property in structure.properties {
                body.lines(property.doc)
                body.line("public var \(Naming.escaped(property.name)): \(property.type)")
            }
            body.line()
            renderInitializer(structure, into: &body)
            if structure.properties.contains(where: { $0.name != $0.jsonKey }) {
                body.line()
                body.block("enum CodingKeys: Swift.String, CodingKey {") { keys in
                    for property in structure.properties {
                        let name = Naming.escaped(property.name)
                        keys.line(property.name == property.jsonKey ? "case \(name)" : "case \(name) = \(SwiftLiteral.string(property.jsonKey))")
                    }
                }
            }
            for nested in structure.nested {
                body.line()
                render(nested, into: &body)
            }
        }
    }

    private func renderInitializer(_ structure: StructDeclaration, into printer: inout CodePrinter) {
        printer.line("/// Creates a `\(structure.name)`.")
        let parameters = structure.properties.map { property in
            "\(Naming.escaped(property.name)): \(property.type)" + (property.isOptional ? " = nil" : "")
        }
        printer.block("public init(\(parameters.joined(separator: ", "))) {") { body in
            for property in structure.properties {
                let name = Naming.escaped(property.name)
                body.line("self.\(name) = \(name)")
            }
        }
    }
}

/// Prints string enums; a tolerant one keeps unknown values in `undocumented(String)`.
struct EnumRenderer {
    func render(_ enumeration: EnumDeclaration, into printer: inout CodePrinter) {
        printer.lines(enumeration.doc)
        guard enumeration.isTolerant else {
            printer.block("public enum \(enumeration.name): Swift.String, Codable, Hashable, Sendable, CaseIterable {") { body in
                for (name, raw) in enumeration.cases {
                    body.line("case \(Naming.escaped(name)) = \(SwiftLiteral.string(raw))")
                }
            }
            return
        }
        printer.block("public enum \(enumeration.name): TolerantEnum {") { body in
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
                initializer.block("switch rawValue {", closing: "}") { cases in
                    for (name, raw) in enumeration.cases {
                        cases.line("case \(SwiftLiteral.string(raw)): self = .\(Naming.escaped(name))")
                    }
                    cases.line("default: self = .undocumented(rawValue)")
                }
            }
            body.line()
            body.line("/// The value as sent by the API.")
            body.block("public var rawValue: Swift.String {") { getter in
                getter.block("switch self {", closing: "}") { cases in
                    for (name, raw) in enumeration.cases {
                        cases.line("case .\(Naming.escaped(name)): \(SwiftLiteral.string(raw))")
                    }
                    cases.line("case let .undocumented(value): value")
                }
            }
        }
    }
}
