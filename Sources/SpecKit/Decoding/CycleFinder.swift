/// Finds `$ref` cycles that no generated model can hold.
///
/// A model may refer to itself through an array or a dictionary (they box their elements), an
/// optional property (generated with indirect storage) or a `oneOf` (an indirect enum), but
/// not through required properties alone — every value would be infinitely large — nor
/// through `allOf`, whose properties are merged into one model. Each offending cycle is
/// reported once, at the `$ref` that closes it.
struct CycleFinder {
    let schemas: [String: Schema]

    /// A `$ref` held by value inside a named schema.
    private struct Edge {
        var target: String
        var location: SourceLocation
    }

    func report(diagnostics: inout DiagnosticCollector) {
        let edges = schemas.mapValues { Self.valueReferences(in: $0) }
        var reported = Set<[String]>()
        for start in schemas.keys.sorted() {
            var path = [start]
            var visited = Set<String>()
            search(from: start, start: start, edges: edges, path: &path, visited: &visited, reported: &reported, diagnostics: &diagnostics)
        }
    }

    private func search(
        from name: String, start: String, edges: [String: [Edge]], path: inout [String], visited: inout Set<String>,
        reported: inout Set<[String]>, diagnostics: inout DiagnosticCollector
    ) {
        for edge in edges[name] ?? [] {
            if edge.target == start {
                let cycle = path
                let key = cycle.sorted()
                if reported.insert(key).inserted {
                    let names = (cycle + [start]).joined(separator: " → ")
                    diagnostics.error(
                        "$ref cycle \(names) cannot be represented: a cycle must pass through an array, a map, an optional property or a oneOf",
                        at: edge.location
                    )
                }
            } else if edge.target > start, visited.insert(edge.target).inserted {
                path.append(edge.target)
                search(from: edge.target, start: start, edges: edges, path: &path, visited: &visited, reported: &reported, diagnostics: &diagnostics)
                path.removeLast()
            }
        }
    }

    /// The `$ref`s reachable from `schema` through required, non-null properties and `allOf`
    /// (not through array items, map values, optional properties or `oneOf`/`anyOf`).
    private static func valueReferences(in schema: Schema) -> [Edge] {
        if let reference = schema.reference {
            return [Edge(target: reference, location: schema.location)]
        }
        let required = schema.properties.filter { schema.required.contains($0.name) && !$0.schema.nullable }
        return required.flatMap { valueReferences(in: $0.schema) } + schema.allOf.flatMap(valueReferences)
    }
}
