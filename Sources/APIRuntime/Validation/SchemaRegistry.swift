/// The named schemas of a compiled document, which `$ref`s point into.
///
/// Creating a registry checks that every `$ref` and discriminator mapping names a schema in
/// it, and that no chain of references at one value loops (`A` → `B` → `A`, through `$ref`,
/// `allOf`, `anyOf`, `oneOf` or a mapping), so validation never follows one forever.
public struct SchemaRegistry: Sendable, Hashable {
    /// The schemas by name.
    public let schemas: [String: JSONSchema]
    /// The schemas compiled for validation, in the order of their sorted names.
    let compiledByPosition: [CompiledSchema]
    /// Each name's position in ``compiledByPosition``.
    private let positionsByName: [String: Int]

    /// A registry with no schemas.
    public init() {
        schemas = [:]
        compiledByPosition = []
        positionsByName = [:]
    }

    /// A registry of `schemas`, checked.
    ///
    /// - Parameter schemas: The schemas by name.
    /// - Throws: ``JSONSchemaError`` for a `$ref` or a mapping to a missing name, or a
    ///   reference cycle, at the pointer of the reference (e.g. `/Customer/properties/links/$ref`,
    ///   `/LineItem/discriminator/mapping/LicenseBased`).
    public init(_ schemas: [String: JSONSchema]) throws(JSONSchemaError) {
        self.schemas = schemas
        let names = schemas.keys.sorted()
        let positionsByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        self.positionsByName = positionsByName
        compiledByPosition = names.compactMap { name in
            schemas[name].map { CompiledSchema($0, positions: positionsByName) }
        }
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
    /// - Throws: ``JSONSchemaError`` for an invalid schema, a `$ref` or a mapping to a
    ///   missing name, or a reference cycle, with the pointer of the problem in `json`.
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

    /// The names of the schemas, sorted.
    public var names: [String] { schemas.keys.sorted() }

    /// `schema` compiled for validation, its `$ref`s into this registry: the registry's own
    /// when it is a bare `$ref` to one.
    func compiled(_ schema: JSONSchema) -> CompiledSchema {
        if schema.isReferenceOnly, let known = compiled(named: schema.reference) { return known }
        return CompiledSchema(schema, positions: positionsByName)
    }

    /// The compiled schema `name` (nil when there is none).
    func compiled(named name: String?) -> CompiledSchema? {
        name.flatMap { positionsByName[$0] }.map { compiledByPosition[$0] }
    }

    /// The compiled schema `node`'s `$ref` names, without hashing the name (nil when it has no
    /// reference, or one the registry cannot resolve).
    func referenced(by node: CompiledSchema) -> CompiledSchema? {
        node.referencePosition.map { compiledByPosition[$0] }
    }

    /// Checks every `$ref` and discriminator mapping in every schema, walking with an explicit stack.
    private func checkReferences() throws(JSONSchemaError) {
        var pending: [(schema: JSONSchema, path: [String])] = schemas.keys.sorted().reversed().compactMap { name in
            schemas[name].map { ($0, [name]) }
        }
        while let (schema, path) = pending.popLast() {
            for reference in schema.references(at: path) where schemas[reference.name] == nil {
                throw JSONSchemaError(
                    pointer: JSONPointer.render(reference.path),
                    message: "unresolved reference '#/schemas/\(reference.name)'"
                )
            }
            pending.append(contentsOf: schema.subschemas(at: path).reversed().map { ($0.schema, $0.path) })
        }
    }

    /// Checks that no named schema reaches itself at the same value: through `$ref`s,
    /// `allOf`, `anyOf`, `oneOf` and discriminator mappings, but not through properties or items.
    ///
    /// A depth-first walk over the names with an explicit stack; the error is at the
    /// reference that closes the cycle and names the cycle (`A → B → A`).
    private func checkCycles() throws(JSONSchemaError) {
        var finished: Set<String> = []
        for start in schemas.keys.sorted() where !finished.contains(start) {
            var chain: [(name: String, edges: [Reference], next: Int)] = [(start, sameValueReferences(of: start), 0)]
            while let top = chain.indices.last {
                guard chain[top].next < chain[top].edges.count else {
                    finished.insert(chain[top].name)
                    chain.removeLast()
                    continue
                }
                let edge = chain[top].edges[chain[top].next]
                chain[top].next += 1
                if let loopStart = chain.firstIndex(where: { $0.name == edge.name }) {
                    throw JSONSchemaError(
                        pointer: JSONPointer.render(edge.path),
                        message: "reference cycle \((chain[loopStart...].map(\.name) + [edge.name]).joined(separator: " → "))"
                    )
                }
                if !finished.contains(edge.name) {
                    chain.append((edge.name, sameValueReferences(of: edge.name), 0))
                }
            }
        }
    }

    /// The names schema `name` refers to at the value it checks, with the path of each reference.
    private func sameValueReferences(of name: String) -> [Reference] {
        var references: [Reference] = []
        var pending: [(schema: JSONSchema, path: [String])] = schemas[name].map { [($0, [name])] } ?? []
        while let (schema, path) = pending.popLast() {
            references += schema.references(at: path)
            pending += schema.subschemas(at: path).reversed().filter(\.isAtSameValue).map { ($0.schema, $0.path) }
        }
        return references
    }
}

/// A schema name referred to, and the path of the reference in the document.
private struct Reference {
    let name: String
    let path: [String]
}

private extension JSONSchema {
    /// The names this schema, at `path`, refers to itself: its `$ref`, then its discriminator's
    /// mapping targets by sorted value, each with the path of the reference.
    func references(at path: [String]) -> [Reference] {
        var references: [Reference] = []
        if let reference { references.append(Reference(name: reference, path: path + ["$ref"])) }
        for kind in discriminator?.mapping.sorted(by: { $0.value < $1.value }) ?? [] {
            references.append(Reference(name: kind.schemaName, path: path + ["discriminator", "mapping", kind.value]))
        }
        return references
    }
}
