extension JSONSchema {
    /// A schema directly inside another.
    package struct Subschema {
        package let schema: JSONSchema
        /// The path of the subschema in the document.
        package let path: [String]
        /// Whether it checks the same value as its parent (`allOf`, `anyOf`, `oneOf`), not a member or an item.
        package let isAtSameValue: Bool
    }

    /// The schemas directly inside this one, which is at `path`: properties by name (so that
    /// what is reported from a walk does not depend on the order a spec lists them in), then
    /// `additionalProperties`, `items`, `allOf`, `anyOf` and `oneOf`, in order.
    package func subschemas(at path: [String]) -> [Subschema] {
        var children: [Subschema] = []
        for property in properties.sorted(by: { $0.name < $1.name }) {
            children.append(Subschema(schema: property.schema, path: path + ["properties", property.name], isAtSameValue: false))
        }
        if case let .schema(additional)? = additionalProperties {
            children.append(Subschema(schema: additional, path: path + ["additionalProperties"], isAtSameValue: false))
        }
        if let items { children.append(Subschema(schema: items, path: path + ["items"], isAtSameValue: false)) }
        for (keyword, schemas) in [("allOf", allOf), ("anyOf", anyOf), ("oneOf", oneOf)] {
            for (position, schema) in schemas.enumerated() {
                children.append(Subschema(schema: schema, path: path + [keyword, String(position)], isAtSameValue: true))
            }
        }
        return children
    }
}
