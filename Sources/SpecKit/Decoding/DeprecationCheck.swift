/// Finds the operations that are not deprecated but still use a named schema marked
/// `deprecated: true`: one warning per operation and schema, at the operation. Warnings do
/// not fail loading; they are the spec's ``Spec/warnings``.
enum DeprecationCheck {
    /// `operation 'x' uses deprecated schema 'Y'` for each such use, sorted by position.
    static func warnings(in spec: Spec) -> [Diagnostic] {
        let schemas = Dictionary(spec.schemas.map { ($0.name, $0.schema) }, uniquingKeysWith: { first, _ in first })
        guard schemas.values.contains(where: \.isDeprecated) else { return [] }
        return spec.operations.filter { !$0.isDeprecated }.flatMap { operation in
            deprecatedSchemas(usedBy: operation, schemas: schemas).map { name in
                Diagnostic(.warning, at: spec.location(ofOperation: operation.id), "operation '\(operation.id)' uses deprecated schema '\(name)'")
            }
        }.sorted()
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
            guard !schema.isDeprecated else { continue }
            if let name = schema.reference {
                guard seen.insert(name).inserted, let named = schemas[name] else { continue }
                if named.isDeprecated {
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
