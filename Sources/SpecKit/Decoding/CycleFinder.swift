/// Finds `$ref` cycles that a Swift value type cannot hold.
///
/// A struct may refer to itself through an array or a dictionary (they box their elements),
/// but not through a property or an optional: such a cycle would make an infinitely large
/// value. Each offending cycle is reported once, at the `$ref` that closes it.
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
                        "$ref cycle \(names) cannot be represented: a cycle must pass through an array or a map",
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

    /// The `$ref`s reachable from `schema` without passing through array items or map values.
    private static func valueReferences(in schema: Schema) -> [Edge] {
        if let reference = schema.reference {
            return [Edge(target: reference, location: schema.location)]
        }
        return schema.properties.flatMap { valueReferences(in: $0.schema) }
    }
}
