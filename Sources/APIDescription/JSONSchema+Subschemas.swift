extension JSONSchema {
    /// A schema directly inside another.
    package struct Subschema {
        /// Where a subschema stands in its parent.
        package enum Role: Hashable {
            /// The schema of the property of this name.
            case property(String)
            case additionalProperties
            case items
            case allOf
            case anyOf
            case oneOf
        }

        package let schema: JSONSchema
        package let role: Role
        /// The path of the subschema in the document.
        package let path: [String]

        /// Whether it checks the same value as its parent (`allOf`, `anyOf`, `oneOf`), not a member or an item.
        package var isAtSameValue: Bool {
            switch role {
            case .allOf, .anyOf, .oneOf: true
            case .property, .additionalProperties, .items: false
            }
        }
    }

    /// The schemas directly inside this one, which is at `path`, in document order: the
    /// properties (in their order), then `additionalProperties`, `items`, `allOf`, `anyOf` and
    /// `oneOf`.
    package func subschemas(at path: [String]) -> [Subschema] {
        var children: [Subschema] = []
        for property in properties {
            children.append(Subschema(schema: property.schema, role: .property(property.name), path: path + ["properties", property.name]))
        }
        if case let .schema(additional)? = additionalProperties {
            children.append(Subschema(schema: additional, role: .additionalProperties, path: path + ["additionalProperties"]))
        }
        if let items { children.append(Subschema(schema: items, role: .items, path: path + ["items"])) }
        for (keyword, role, schemas) in [("allOf", Subschema.Role.allOf, allOf), ("anyOf", .anyOf, anyOf), ("oneOf", .oneOf, oneOf)] {
            for (position, schema) in schemas.enumerated() {
                children.append(Subschema(schema: schema, role: role, path: path + [keyword, String(position)]))
            }
        }
        return children
    }
}
