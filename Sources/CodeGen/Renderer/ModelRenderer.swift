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
        case let .discriminated(union): render(union, into: &printer)
        }
    }

    /// An enum with a case per success status, made from the response by its status.
    private func render(_ enumeration: ResponseCasesDeclaration, into printer: inout CodePrinter) {
        printer.lines(enumeration.doc)
        printer.block("public enum \(enumeration.name): APIRuntime.ResponseCases {") { body in
            for item in enumeration.cases {
                body.lines(item.doc)
                let values = (item.bodyType.map { [$0] } ?? []) + item.headers.map { "\(Naming.escaped($0.label)): Swift.String?" }
                body.line("case \(Naming.escaped(item.name))" + (values.isEmpty ? "" : "(" + values.joined(separator: ", ") + ")"))
            }
            body.line()
            body.line("/// The case of `response`'s status, with its body and headers.")
            body.block("public init(_ response: APIRuntime.APIResponse<APIRuntime.JSONValue>) throws(APIRuntime.APIError) {") { initializer in
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

    /// A struct with its properties, the members the spec does not list (kept as received and
    /// encoded back), an initializer, and its JSON coding (`Codable` comes from `JSONModel`).
    private func render(_ structure: StructDeclaration, into printer: inout CodePrinter) {
        let extra = Self.additionalMembersName(structure)
        printer.lines(structure.doc)
        printer.block("public struct \(structure.name): APIRuntime.JSONModel {") { body in
            for property in structure.properties {
                body.lines(property.doc)
                body.lines(property.attributes)
                if property.hasStorage {
                    // An indirect property's type leads back to this one: stored behind a
                    // reference. A deprecated one's storage is what the members below use.
                    let storage = Self.storageName(property)
                    let boxed = property.isIndirect
                    body.block("public var \(Naming.escaped(property.name)): \(property.type) {") { accessors in
                        accessors.line("get { \(storage)\(boxed ? "?.value" : "") }")
                        accessors.line("set { \(storage) = \(boxed ? "newValue.map(APIRuntime.Indirect.init)" : "newValue") }")
                    }
                    body.line("private var \(storage): \(boxed ? "APIRuntime.Indirect<\(property.type.dropLast())>?" : property.type)")
                } else {
                    body.line("public var \(Naming.escaped(property.name)): \(property.type)")
                }
            }
            body.line("/// Members the spec does not list, as received; encoded back unchanged.")
            body.line("public var \(Naming.escaped(extra)): [Swift.String: APIRuntime.JSONValue]")
            body.line()
            renderInitializer(structure, additionalMembers: extra, into: &body)
            body.line()
            renderCoding(structure, additionalMembers: extra, into: &body)
            for nested in structure.nested {
                body.line()
                render(nested, into: &body)
            }
        }
    }

    private func renderInitializer(_ structure: StructDeclaration, additionalMembers extra: String, into printer: inout CodePrinter) {
        printer.line("/// Creates a value with the given properties.")
        let parameters = structure.properties.map { property in
            "\(Naming.escaped(property.name)): \(property.type)" + (property.isOptional ? " = nil" : "")
        } + ["\(Naming.escaped(extra)): [Swift.String: APIRuntime.JSONValue] = [:]"]
        printer.block("public init(\(parameters.joined(separator: ", "))) {") { body in
            for property in structure.properties {
                let name = Naming.escaped(property.name)
                let value = property.isIndirect ? "\(name).map(APIRuntime.Indirect.init)" : name
                body.line("self.\(property.hasStorage ? Self.storageName(property) : name) = \(value)")
            }
            body.line("self.\(Naming.escaped(extra)) = \(Naming.escaped(extra))")
        }
    }

    /// `init(fromJSON:)` and `toJSON()`: the declared properties by their keys, and the others.
    private func renderCoding(_ structure: StructDeclaration, additionalMembers extra: String, into printer: inout CodePrinter) {
        let stored = structure.properties.map { property in
            (name: property.hasStorage ? Self.storageName(property) : Naming.escaped(property.name), key: SwiftLiteral.string(property.jsonKey),
             optional: property.isOptional)
        }
        printer.line("/// Decodes the value from a JSON object: the declared members by key, the others kept.")
        printer.block("public init(fromJSON json: APIRuntime.JSONValue) throws(APIRuntime.JSONDecodingError) {") { body in
            body.line("\(stored.isEmpty ? "let" : "var") object = try APIRuntime.JSONObjectReader(json)")
            for property in stored {
                body.line("self.\(property.name) = try object.\(property.optional ? "optional" : "required")(\(property.key))")
            }
            body.line("self.\(Naming.escaped(extra)) = object.additionalMembers(besides: [\(stored.map(\.key).joined(separator: ", "))])")
        }
        printer.line()
        printer.line("/// The value as a JSON object: the declared properties, and the members kept beside them.")
        printer.block("public func toJSON() -> APIRuntime.JSONValue {") { body in
            body.line("\(stored.isEmpty ? "let" : "var") object = APIRuntime.JSONObjectWriter(self.\(Naming.escaped(extra)))")
            for property in stored {
                body.line("object.\(property.optional ? "setIfPresent" : "set")(\(property.key), self.\(property.name))")
            }
            body.line("return object.json")
        }
    }

    /// `additionalMembers`, or a variant when a property already has that name.
    private static func additionalMembersName(_ structure: StructDeclaration) -> String {
        Naming.uniqued(structure.properties.map(\.name) + ["additionalMembers"]).last ?? "additionalMembers"
    }

    /// The stored property behind an indirect or deprecated one: `_next` for `next`.
    private static func storageName(_ property: PropertyDeclaration) -> String {
        "_" + property.name
    }

    /// An enum with a case per kind of a discriminated `oneOf`, coded by its discriminator.
    private func render(_ union: DiscriminatedDeclaration, into printer: inout CodePrinter) {
        printer.lines(union.doc)
        printer.block("public indirect enum \(union.name): APIRuntime.JSONModel {") { body in
            for item in union.cases {
                body.line("/// `\(SwiftLiteral.escaped(union.propertyPath.joined(separator: ".")))` is `\(SwiftLiteral.escaped(item.value))`.")
                body.line("case \(Naming.escaped(item.name))(\(item.type))")
            }
            body.line("/// A kind this version of the spec does not list, as received.")
            body.line("case undocumented(APIRuntime.JSONValue)")
            body.line()
            body.line("/// The case its discriminator names; a kind the spec does not list is kept in `undocumented`.")
            body.block("public init(fromJSON json: APIRuntime.JSONValue) throws(APIRuntime.JSONDecodingError) {") { initializer in
                let path = "[" + union.propertyPath.map(SwiftLiteral.string).joined(separator: ", ") + "]"
                initializer.line("switch APIRuntime.Discriminator.value(at: \(path), in: json) {")
                for item in union.cases {
                    initializer.line("case \(SwiftLiteral.string(item.value)): self = .\(Naming.escaped(item.name))(try \(item.type)(fromJSON: json))")
                }
                initializer.line("default: self = .undocumented(json)")
                initializer.line("}")
            }
            body.line()
            body.line("/// The value of the case, as JSON.")
            body.block("public func toJSON() -> APIRuntime.JSONValue {") { encode in
                encode.line("switch self {")
                for item in union.cases {
                    encode.line("case let .\(Naming.escaped(item.name))(value): value.toJSON()")
                }
                encode.line("case let .undocumented(value): value")
                encode.line("}")
            }
        }
    }
}
