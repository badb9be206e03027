/// What loading found questionable but not wrong: the spec's ``Spec/warnings``, which do not
/// fail loading. Each kind of warning is one function here; the loader asks for them all.
enum SpecWarnings {
    /// Every warning about `spec`, sorted by position.
    static func of(_ spec: Spec) -> [Diagnostic] {
        usesOfDeprecatedSchemas(in: spec).sorted()
    }

    /// `operation 'x' uses deprecated schema 'Y'`, at the operation, for each operation that
    /// is not deprecated but still uses a named schema marked `deprecated: true`.
    private static func usesOfDeprecatedSchemas(in spec: Spec) -> [Diagnostic] {
        let schemas = Dictionary(spec.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        guard schemas.values.contains(where: \.annotations.isDeprecated) else { return [] }
        return spec.operations.filter { !$0.annotations.isDeprecated }.flatMap { operation in
            deprecatedSchemas(usedBy: operation, schemas: schemas).map { name in
                Diagnostic(.warning, at: spec.location(ofOperation: operation.id), "operation '\(operation.id)' uses deprecated schema '\(name)'")
            }
        }
    }

    /// The deprecated named schemas that the operation's responses, response headers, body
    /// and parameters reach through `$ref`s, properties, items, maps and compositions, by
    /// name. A deprecated schema is not looked into: a deprecated named schema is reported
    /// itself, and a deprecated use (a property, a `$ref` beside `deprecated: true`) is known
    /// to be on its way out with what it holds.
    private static func deprecatedSchemas(usedBy operation: OperationDescription, schemas: [String: JSONSchema]) -> [String] {
        var pending = operation.parameters.map(\.schema) + (operation.body.map { [$0.schema] } ?? [])
        pending += operation.responses.flatMap { $0.headers.map(\.schema) }
        pending += operation.responses.compactMap(\.schemaName).map(JSONSchema.init(reference:))
        var seen = Set<String>()
        var found = Set<String>()
        while let schema = pending.popLast() {
            guard !schema.annotations.isDeprecated else { continue }
            if let name = schema.reference {
                guard seen.insert(name).inserted, let named = schemas[name] else { continue }
                if named.annotations.isDeprecated {
                    found.insert(name)
                } else {
                    pending.append(named)
                }
                continue
            }
            pending += schema.subschemas(at: []).map(\.schema)
        }
        return found.sorted()
    }
}
