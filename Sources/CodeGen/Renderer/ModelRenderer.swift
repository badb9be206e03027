/// Prints model declarations: structs, enums and aliases.
struct ModelRenderer {
    func render(_ declaration: TypeDeclaration, into printer: inout CodePrinter) {
        switch declaration {
        case let .structure(structure): render(structure, into: &printer)
        case let .enumeration(enumeration): EnumRenderer().render(enumeration, into: &printer)
        case let .alias(alias):
            printer.lines(alias.doc)
            printer.line("public typealias \(alias.name) = \(alias.type)")
        case let .responseCases(cases): render(cases, into: &printer)
        }
    }

    /// An enum with a case per success status, made from the response by its status.
    private func render(_ enumeration: ResponseCasesDeclaration, into printer: inout CodePrinter) {
        printer.lines(enumeration.doc)
        printer.block("public enum \(enumeration.name): ResponseCases {") { body in
            for item in enumeration.cases {
                body.lines(item.doc)
                let values = (item.bodyType.map { [$0] } ?? []) + item.headers.map { "\(Naming.escaped($0.label)): Swift.String?" }
                body.line("case \(Naming.escaped(item.name))" + (values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")"))
            }
            body.line()
            body.line("/// The case of `response`'s status, with its body and headers.")
            body.block("public init(_ response: APIResponse<JSONValue>) throws(APIError) {") { initializer in
                initializer.line("switch response.status {")
                for item in enumeration.cases {
                    let values = (item.bodyType.map { ["try response.decodeBody(as: \($0).self)"] } ?? [])
                        + item.headers.map { "\(Naming.escaped($0.label)): response.header(\(SwiftLiteral.string($0.name)))" }
                    initializer.line("case \(item.status): self = .\(Naming.escaped(item.name))" + (values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")"))
                }
                initializer.line("default: throw response.undeclaredStatus")
                initializer.line("}")
            }
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
