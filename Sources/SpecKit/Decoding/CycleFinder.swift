/// Finds `$ref` cycles that no generated model can hold.
///
/// A model may refer to itself through an array or a dictionary (they box their elements), an
/// optional property (generated with indirect storage) or a `oneOf` (an indirect enum), but
/// not through required properties alone — every value would be infinitely large — nor
/// through `allOf`, whose properties are merged into one model. Nor may schemas that are
/// only arrays or maps of one another (`A: [B]`, `B: [A]`): they are type aliases, and a
/// Swift type alias cannot contain itself. Each offending cycle is reported once, at the
/// `$ref` that closes it.
struct CycleFinder {
    let schemas: [String: JSONSchema]
    /// Where each schema starts, by JSON pointer (the schemas of ``Spec/locations``).
    let locations: [String: SourceLocation]

    /// A `$ref` held by value inside a named schema.
    private struct Edge {
        var target: String
        var location: SourceLocation
    }

    func report(diagnostics: inout DiagnosticCollector) {
        // A cycle is reported once, by the first check that finds it.
        var reported = Set<[String]>()
        // Infinite values: by value through required properties and allOf.
        report(edges: edges(valueReferences), reported: &reported, diagnostics: &diagnostics) { names in
            "$ref cycle \(names) cannot be represented: a cycle must pass through an array, a map, an optional property or a oneOf"
        }
        // Type aliases that contain themselves: arrays and maps of one another, no model between.
        report(edges: edges(aliasReferences), reported: &reported, diagnostics: &diagnostics) { names in
            "$ref cycle \(names) passes only through arrays and maps, which are type aliases in Swift and cannot contain themselves: make one of them an object (e.g. put the array in a property)"
        }
        // Endless validation: schemas that stand for one another at the same value (A is
        // allOf/oneOf/anyOf B, B is A), e.g. a discriminated base whose kinds are allOf the base.
        report(edges: edges(sameValueReferences), reported: &reported, diagnostics: &diagnostics) { names in
            "$ref cycle \(names) stays at one value (through allOf, anyOf or oneOf): no value could be checked against it"
        }
    }

    /// The `$ref`s `references` finds in each named schema, each at the place of its `$ref`.
    private func edges(_ references: (JSONSchema, String) -> [(target: String, pointer: String)]) -> [String: [Edge]] {
        Dictionary(uniqueKeysWithValues: schemas.map { name, schema in
            let pointer = "/schemas/" + JSONPointer.escape(name)
            let edges = references(schema, pointer).map { reference in
                Edge(target: reference.target, location: locations[reference.pointer] ?? locations[pointer] ?? SourceLocation(file: "", line: 1, column: 1))
            }
            return (name, edges)
        })
    }

    private func report(
        edges: [String: [Edge]], reported: inout Set<[String]>, diagnostics: inout DiagnosticCollector, message: (String) -> String
    ) {
        for start in schemas.keys.sorted() {
            var path = [start]
            var visited = Set<String>()
            search(from: start, start: start, edges: edges, path: &path, visited: &visited, reported: &reported) { cycle, location in
                diagnostics.error(message(cycle.joined(separator: " → ")), at: location)
            }
        }
    }

    private func search(
        from name: String, start: String, edges: [String: [Edge]], path: inout [String], visited: inout Set<String>,
        reported: inout Set<[String]>, found: (_ cycle: [String], _ at: SourceLocation) -> Void
    ) {
        for edge in edges[name] ?? [] {
            if edge.target == start {
                if reported.insert(path.sorted()).inserted { found(path + [start], edge.location) }
            } else if edge.target > start, visited.insert(edge.target).inserted {
                path.append(edge.target)
                search(from: edge.target, start: start, edges: edges, path: &path, visited: &visited, reported: &reported, found: found)
                path.removeLast()
            }
        }
    }

    /// The `$ref`s that apply to the same value as `schema`: its own, and those of its
    /// `allOf`, `anyOf` and `oneOf` schemas (not of properties or items).
    private func sameValueReferences(in schema: JSONSchema, at pointer: String) -> [(target: String, pointer: String)] {
        if let reference = schema.reference { return [(reference, pointer)] }
        return schema.subschemas(at: []).filter(\.isAtSameValue).flatMap { branch in
            sameValueReferences(in: branch.schema, at: pointer + JSONPointer.render(branch.path))
        }
    }

    /// The `$ref`s a type alias for `schema` names: its own, or those of its array items and
    /// map values, followed until a model (an object, a string enum, a discriminated `oneOf`),
    /// which declares a type of its own.
    private func aliasReferences(in schema: JSONSchema, at pointer: String) -> [(target: String, pointer: String)] {
        if let reference = schema.reference { return [(reference, pointer)] }
        let types = schema.nonNullTypes
        let isEnum = schema.enumValues?.allSatisfy { $0.stringValue != nil } == true && (types.isEmpty || types == [.string])
        let isObject = !(schema.properties.isEmpty && schema.allOf.isEmpty) && (types.isEmpty || types == [.object])
        guard !isEnum, !isObject, schema.discriminator == nil else { return [] }
        let role: JSONSchema.Subschema.Role? = switch schema.singleType {
        case .array: .items
        case .object: .additionalProperties
        default: nil
        }
        return schema.subschemas(at: []).filter { $0.role == role }.flatMap { child in
            aliasReferences(in: child.schema, at: pointer + JSONPointer.render(child.path))
        }
    }

    /// The `$ref`s reachable from `schema` through required, non-null properties and `allOf`
    /// (not through array items, map values, optional properties or `oneOf`/`anyOf`).
    private func valueReferences(in schema: JSONSchema, at pointer: String) -> [(target: String, pointer: String)] {
        if let reference = schema.reference { return [(reference, pointer)] }
        let held = schema.subschemas(at: []).filter { child in
            switch child.role {
            case let .property(name): schema.required.contains(name) && !child.schema.allowsNull
            case .allOf: true
            case .additionalProperties, .items, .anyOf, .oneOf: false
            }
        }
        return held.flatMap { valueReferences(in: $0.schema, at: pointer + JSONPointer.render($0.path)) }
    }
}
