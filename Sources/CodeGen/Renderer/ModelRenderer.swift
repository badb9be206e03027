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
        printer.line("/// Creates a value with the given properties.")
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
