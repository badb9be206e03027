/// The named schemas of a compiled document, which `$ref`s point into.
///
/// Creating a registry checks that every `$ref` names a schema in it and that no chain
/// of top-level references loops (`A` → `B` → `A`), so validation never follows one forever.
public struct SchemaRegistry: Sendable, Hashable {
    /// The schemas by name.
    public let schemas: [String: JSONSchema]
    /// The schemas compiled for validation, by name.
    let compiled: [String: CompiledSchema]

    /// A registry with no schemas.
    public init() {
        schemas = [:]
        compiled = [:]
    }

    /// A registry of `schemas`, checked.
    ///
    /// - Parameter schemas: The schemas by name.
    /// - Throws: ``JSONSchemaError`` for a `$ref` to a missing name or a reference cycle,
    ///   at the pointer of the `$ref` (e.g. `/Customer/properties/links/$ref`).
    public init(_ schemas: [String: JSONSchema]) throws(JSONSchemaError) {
        self.schemas = schemas
        compiled = schemas.mapValues(CompiledSchema.init)
        try checkReferences()
        try checkCycles()
    }

    public static func == (lhs: SchemaRegistry, rhs: SchemaRegistry) -> Bool {
        lhs.schemas == rhs.schemas
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(schemas)
    }

    /// Reads the registry from a JSON object of the form `{"Name": schema, ...}`.
    ///
    /// - Parameter json: The `schemas` object of the compiled document.
    /// - Throws: ``JSONSchemaError`` for an invalid schema, a `$ref` to a missing name or
    ///   a reference cycle, with the pointer of the problem in `json`.
    public init(json: JSONValue) throws(JSONSchemaError) {
        guard case let .object(members) = json else {
            throw JSONSchemaError(pointer: "", message: "the schema table must be an object, got \(json.typeName)")
        }
        var schemas: [String: JSONSchema] = [:]
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            schemas[name] = try JSONSchema(json: member, path: [name])
        }
        try self.init(schemas)
    }

    /// The schema named `name`.
    public subscript(name: String) -> JSONSchema? { schemas[name] }

    /// Checks every `$ref` in every schema, walking with an explicit stack.
    private func checkReferences() throws(JSONSchemaError) {
        var pending: [(schema: JSONSchema, path: [String])] = schemas.keys.sorted().reversed().compactMap { name in
            schemas[name].map { ($0, [name]) }
        }
        while let (schema, path) = pending.popLast() {
            if let name = schema.reference, schemas[name] == nil {
                throw JSONSchemaError(
                    pointer: JSONPointer.render(path + ["$ref"]),
                    message: "unresolved reference '#/schemas/\(name)'"
                )
            }
            var children: [(JSONSchema, [String])] = []
            for name in schema.properties.keys.sorted() {
                if let property = schema.properties[name] { children.append((property, path + ["properties", name])) }
            }
            if case let .schema(additional) = schema.additionalProperties {
                children.append((additional, path + ["additionalProperties"]))
            }
            if let items = schema.items { children.append((items, path + ["items"])) }
            pending.append(contentsOf: children.reversed())
        }
    }

    /// Checks that no named schema reaches itself through top-level `$ref`s alone.
    private func checkCycles() throws(JSONSchemaError) {
        for start in schemas.keys.sorted() {
            var chain = [start]
            var current = start
            while let next = schemas[current]?.reference {
                if chain.contains(next) {
                    throw JSONSchemaError(
                        pointer: JSONPointer.render([current, "$ref"]),
                        message: "reference cycle \((chain + [next]).joined(separator: " → "))"
                    )
                }
                chain.append(next)
                current = next
            }
        }
    }
}
