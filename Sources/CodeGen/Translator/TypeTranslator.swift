import SpecKit

/// Decides the Swift type of each schema, creating nested declarations for inline objects
/// and enums.
struct TypeTranslator {
    /// Swift type names of the named schemas, by schema name.
    let namedTypes: [String: String]
    /// The named schemas, to look through references.
    let schemas: [String: JSONSchema]
    /// Every Swift type name the named schemas take (nested names must avoid them).
    let namedTypeNames: Set<String>
    /// For each named schema, the named schemas its models hold by value (through
    /// properties, optional or not, and `allOf`; not through arrays, maps or `oneOf`).
    private let heldByValue: [String: Set<String>]

    /// - Parameter reservedTypeNames: Names the generated module declares besides the
    ///   schemas' (the client, its compiled spec, the client's nested `Server`), which a
    ///   schema's type must not take.
    init(spec: Spec, reservedTypeNames: Set<String>) {
        let names = Naming.uniqued(spec.schemas.map { Naming.typeName($0.name) }, avoiding: reservedTypeNames)
        namedTypes = Dictionary(uniqueKeysWithValues: zip(spec.schemas.map(\.name), names))
        let schemas = Dictionary(uniqueKeysWithValues: spec.schemas.map { ($0.name, $0.schema) })
        self.schemas = schemas
        namedTypeNames = Set(names)
        heldByValue = schemas.mapValues(Self.valueReferences)
    }

    /// The named schemas `schema` refers to by value.
    private static func valueReferences(in schema: JSONSchema) -> Set<String> {
        if let reference = schema.reference { return [reference] }
        return Set(schema.properties.flatMap { valueReferences(in: $0.schema) } + schema.allOf.flatMap(valueReferences))
    }

    /// Whether the model of `schema` (a property's) leads back to the named schema `owner`
    /// by value: then the property is stored in an `Indirect` box.
    private func leadsBack(_ schema: JSONSchema, to owner: String?) -> Bool {
        guard let owner, let start = schema.reference else { return false }
        var seen: Set<String> = [start]
        var pending = [start]
        while let name = pending.popLast() {
            if name == owner { return true }
            for next in heldByValue[name] ?? [] where seen.insert(next).inserted { pending.append(next) }
        }
        return false
    }

    /// The declarations for a named schema: its type, and any types an alias needs beside it.
    func declarations(for named: NamedSchema) -> [TypeDeclaration] {
        let name = namedTypes[named.name] ?? Naming.typeName(named.name)
        var taken = namedTypeNames
        let described = SwiftLiteral.docLines(named.schema.annotations.description ?? named.schema.annotations.title)
        let doc = Decorations(named.schema.annotations, subject: nil).documented(described)
        if let declaration = inlineDeclaration(for: named.schema, name: name, doc: doc, owner: named.name, taken: &taken) {
            return [declaration]
        }
        var nested: [TypeDeclaration] = []
        let type = swiftType(for: named.schema, suggestedName: name + "Element", taken: &taken, nested: &nested)
        return [.alias(AliasDeclaration(name: name, doc: doc, type: type))] + nested
    }

    /// The member name and Swift type (qualified, `?` included) of the property `key` of the
    /// named object schema `schemaName`, as its model declares it: an inline enum or object is
    /// the model's nested type (`CustomerPage.ItemsItem`).
    func declaredProperty(_ key: String, ofSchema schemaName: String) -> (name: String, type: String)? {
        guard let schema = schemas[schemaName], let typeName = namedTypes[schemaName] else { return nil }
        var taken = namedTypeNames
        guard case let .structure(model)? = inlineDeclaration(for: schema, name: typeName, doc: [], owner: schemaName, taken: &taken),
            let property = model.properties.first(where: { $0.jsonKey == key })
        else { return nil }
        let nestedNames = Set(model.nested.map(\.name))
        return (property.name, Self.qualifying(property.type, names: nestedNames, in: typeName))
    }

    /// `type` with each identifier of `names` prefixed by `container.`.
    private static func qualifying(_ type: String, names: Set<String>, in container: String) -> String {
        var result = ""
        var identifier = ""
        func flush() {
            result += names.contains(identifier) && result.last != "." ? container + "." + identifier : identifier
            identifier = ""
        }
        for character in type {
            if character.isLetter || character.isNumber || character == "_" {
                identifier.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }

    /// The Swift type for `schema`; inline objects and enums are appended to `nested`.
    /// - Parameter owner: The named schema whose model holds this inline object by value, if
    ///   any: a property of the object that leads back to it is boxed.
    func swiftType(
        for schema: JSONSchema, suggestedName: String, owner: String? = nil, taken: inout Set<String>, nested: inout [TypeDeclaration]
    ) -> String {
        if let reference = schema.reference {
            return namedTypes[reference] ?? "APIRuntime.JSONValue"
        }
        if isStringEnum(schema) || isObject(schema) || schema.branchNames != nil {
            let name = Naming.unique(suggestedName, in: &taken)
            let doc = SwiftLiteral.docLines(schema.annotations.description ?? schema.annotations.title)
            if let declaration = inlineDeclaration(for: schema, name: name, doc: doc, owner: owner, taken: &taken) {
                nested.append(declaration)
                return name
            }
        }
        if let constant = schema.constValue, schema.nonNullTypes.isEmpty {
            return primitiveType(of: constant)
        }
        // A number that may come as a string holding it: exact, never through a `Double`.
        if schema.format == .decimal { return "Foundation.Decimal" }
        guard let type = schema.singleType else { return "APIRuntime.JSONValue" }
        switch type {
        case .string: return "Swift.String"
        case .integer: return "Swift.Int"
        case .number: return "Swift.Double"
        case .boolean: return "Swift.Bool"
        case .null: return "APIRuntime.JSONValue"
        case .array:
            guard let items = schema.items else { return "[APIRuntime.JSONValue]" }
            return "[" + swiftType(for: items, suggestedName: suggestedName + "Item", taken: &taken, nested: &nested) + "]"
        case .object:
            if case let .schema(values) = schema.additionalProperties {
                return "[Swift.String: " + swiftType(for: values, suggestedName: suggestedName + "Value", taken: &taken, nested: &nested) + "]"
            }
            return "APIRuntime.JSONValue"
        }
    }

    /// Whether a property of this schema is optional in Swift.
    func isOptional(_ property: JSONSchema.Property, in schema: JSONSchema) -> Bool {
        !merged(schema).required.contains(property.name) || property.schema.allowsNull
    }

    /// The schema a reference points at, or the schema itself.
    func resolved(_ schema: JSONSchema) -> JSONSchema {
        schema.resolved(in: schemas)
    }

    /// The Swift case names of a string enum's values, in order. A tolerant enum's cases
    /// avoid the members its conformance adds (`documented`, `undocumented`).
    func enumCaseNames(_ schema: JSONSchema) -> [String] {
        let raws = (schema.enumValues ?? []).compactMap(\.stringValue)
        return Naming.uniqued(raws.map(Naming.caseName), avoiding: schema.isTolerant ? ["documented", "undocumented"] : [])
    }

    func isStringEnum(_ schema: JSONSchema) -> Bool {
        guard let values = schema.enumValues, schema.nonNullTypes.isEmpty || schema.nonNullTypes == [.string] else { return false }
        return values.allSatisfy { $0.stringValue != nil }
    }

    private func isObject(_ schema: JSONSchema) -> Bool {
        !merged(schema).properties.isEmpty && (schema.nonNullTypes.isEmpty || schema.nonNullTypes == [.object])
    }

    /// `schema` with the properties and required names of its `allOf` schemas (resolved,
    /// recursively) merged in, in order; a property declared twice keeps its first schema.
    func merged(_ schema: JSONSchema) -> JSONSchema {
        guard !schema.allOf.isEmpty else { return schema }
        var result = schema
        var pending = Array(schema.allOf.reversed())
        var seen = Set<String>()
        while let next = pending.popLast() {
            if let reference = next.reference, !seen.insert(reference).inserted { continue }
            let branch = resolved(next)
            for property in branch.properties where result.properties[property.name] == nil {
                result.properties[property.name] = property.schema
            }
            result.required += branch.required.filter { !result.required.contains($0) }
            pending += branch.allOf.reversed()
        }
        return result
    }

    /// - Parameter owner: The named schema being declared, or holding this inline object by
    ///   value, whose own type a property may lead back to.
    private func inlineDeclaration(for schema: JSONSchema, name: String, doc: [String], owner: String?, taken: inout Set<String>) -> TypeDeclaration? {
        if isStringEnum(schema) {
            let raws = (schema.enumValues ?? []).compactMap(\.stringValue)
            return .enumeration(EnumDeclaration(name: name, doc: doc, cases: Array(zip(enumCaseNames(schema), raws)), isTolerant: schema.isTolerant))
        }
        if let branches = schema.branchNames, let discriminator = schema.discriminator {
            let caseNames = Naming.uniqued(branches.map { Naming.caseName($0.value) }, avoiding: ["undocumented"])
            let cases = zip(caseNames, branches).map { ($0, $1.value, namedTypes[$1.schemaName] ?? "APIRuntime.JSONValue") }
            return .discriminated(DiscriminatedDeclaration(name: name, doc: doc, propertyPath: discriminator.propertyPath, cases: cases))
        }
        guard isObject(schema) else { return nil }
        let schema = merged(schema)
        taken.insert(name)
        var nested: [TypeDeclaration] = []
        let names = Naming.uniqued(schema.properties.map { Naming.memberName($0.name) })
        let properties = zip(names, schema.properties).map { swiftName, property in
            let type = swiftType(for: property.schema, suggestedName: Naming.typeName(property.name), owner: owner, taken: &taken, nested: &nested)
            let optional = isOptional(property, in: schema)
            let doc = SwiftLiteral.docLines(property.schema.annotations.description ?? resolved(property.schema).annotations.description)
            let decorations = Decorations(property.schema.annotations, subject: name + "." + swiftName)
            return PropertyDeclaration(
                name: swiftName, jsonKey: property.name, type: optional ? type + "?" : type, isOptional: optional,
                isIndirect: optional && leadsBack(property.schema, to: owner), doc: decorations.documented(doc),
                attributes: decorations.attributes
            )
        }
        return .structure(StructDeclaration(name: name, doc: doc, properties: properties, nested: nested))
    }

    private func primitiveType(of value: JSONValue) -> String {
        switch value {
        case .string: "Swift.String"
        case let .number(number) where number.isInteger && number.intValue != nil: "Swift.Int"
        case .number: "Swift.Double"
        case .bool: "Swift.Bool"
        default: "APIRuntime.JSONValue"
        }
    }
}
