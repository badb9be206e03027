/// Whether a value conforms to a schema, answered without saying why not.
///
/// Nearly every response conforms, so ``SchemaValidator`` asks this first and only runs a
/// ``ValidationRun`` (with its work list, pointer arena and violation sinks) when the
/// answer is no. The check is a plain recursive walk over the compiled schemas: no paths,
/// no messages, no copies of schemas. It gives up (answers no, so the full run decides)
/// where the full run would report anything and also where it cannot be sure cheaply:
/// deeper than ``maximumDepth`` or past ``ValidationRun/maximumReferenceHops`` `$ref`s at
/// one value. A yes is therefore exactly the full run's empty list of violations.
struct ConformanceCheck {
    /// The most schemas the recursive walk enters, one inside another, before leaving the
    /// value to the full run (whose walk is iterative): far below what a task's stack holds.
    static let maximumDepth = 128

    let registry: SchemaRegistry
    /// Compiled `pattern`s, handed on to the full run when there is one.
    private(set) var patterns = PatternCache()

    init(registry: SchemaRegistry) {
        self.registry = registry
    }

    /// Whether `value` conforms to `node`.
    mutating func conforms(_ value: JSONValue, to node: CompiledSchema) -> Bool {
        conforms(value, node, depth: 0, hops: 0)
    }

    /// - Parameter depth: Schemas entered so far (members, items, `$ref`s and composition alike).
    private mutating func conforms(_ value: JSONValue, _ node: CompiledSchema, depth: Int, hops: Int) -> Bool {
        guard depth < Self.maximumDepth else { return false }
        let depth = depth + 1
        if case .null = value, node.allowsNull { return true }
        if node.hasReference, !follow(registry.referenced(by: node), value, depth: depth, hops: hops) { return false }
        guard hasAllowedType(value, node) else { return false }
        // The flags skip the keywords a schema does not have without reading them (most
        // schemas of a page only name a type).
        if node.constrainsValue, !Keywords.value(value, node.schema).isEmpty { return false }
        switch value {
        case .string where node.constrainsStrings:
            guard case let .string(string) = value, Keywords.string(string, node.schema, patterns: &patterns).isEmpty else { return false }
        case .number where node.constrainsNumbers:
            guard case let .number(number) = value, Keywords.number(number, node.schema).isEmpty else { return false }
        case let .array(items):
            guard conforms(items, node, depth: depth) else { return false }
        case let .object(members):
            guard conforms(members, node, depth: depth) else { return false }
        case .null, .bool, .string, .number:
            break
        }
        return !node.composes || conformsToComposition(value, node, depth: depth, hops: hops)
    }

    /// `value` against the registry schema a `$ref` or a discriminator names (nil: none, so no).
    private mutating func follow(_ target: CompiledSchema?, _ value: JSONValue, depth: Int, hops: Int) -> Bool {
        guard hops < ValidationRun.maximumReferenceHops, let target else { return false }
        return conforms(value, target, depth: depth, hops: hops + 1)
    }

    private func hasAllowedType(_ value: JSONValue, _ node: CompiledSchema) -> Bool {
        let mask = node.typeMask
        guard mask != 0, mask & CompiledSchema.bit(of: value) == 0 else { return true }
        guard case let .number(number) = value, mask & CompiledSchema.bit(of: JSONSchema.JSONType.integer) != 0 else { return false }
        return number.isInteger || number.decimal?.isIntegral == true
    }

    private mutating func conforms(_ items: [JSONValue], _ node: CompiledSchema, depth: Int) -> Bool {
        guard Keywords.itemCount(items.count, node.schema).isEmpty else { return false }
        guard let itemSchema = node.items else { return true }
        for item in items where !conforms(item, itemSchema, depth: depth, hops: 0) { return false }
        return true
    }

    /// One pass over the members, each matched to its property through the schema's key
    /// table (no hashing); required properties are counted on the way.
    ///
    /// The members are read where they are, so that no key or value is copied (a retain and
    /// a release each, for every member of every object of a page).
    private mutating func conforms(_ members: JSONObject, _ node: CompiledSchema, depth: Int) -> Bool {
        for name in node.requiredUndeclared where members[name] == nil { return false }
        if case .allowed(true) = node.additional, node.properties.isEmpty { return true }
        var requiredFound = 0
        let conforming = members.members.withUnsafeBufferPointer { members in
            for position in members.indices {
                let property = node.propertyKeys.position(of: members[position].key)
                if let property, node.isRequiredProperty[property] { requiredFound += 1 }
                switch node.rule(forProperty: property) {
                case let .schema(memberSchema):
                    guard conforms(members[position].value, memberSchema, depth: depth, hops: 0) else { return false }
                case .unchecked: continue
                case .forbidden: return false
                }
            }
            return true
        }
        return conforming && requiredFound == node.requiredPropertyCount
    }

    /// `allOf`: every schema; `anyOf`: one or more; `oneOf`: exactly one, or the one its
    /// discriminator picks (a kind it does not know is accepted, as the full run does).
    private mutating func conformsToComposition(_ value: JSONValue, _ node: CompiledSchema, depth: Int, hops: Int) -> Bool {
        for schema in node.allOf where !conforms(value, schema, depth: depth, hops: hops) { return false }
        if !node.anyOf.isEmpty, !node.anyOf.contains(where: { conforms(value, $0, depth: depth, hops: hops) }) {
            return false
        }
        guard !node.oneOf.isEmpty else { return true }
        if let discriminator = node.schema.discriminator {
            guard case let .found(kind) = discriminator.lookup(in: value) else { return false }
            guard let name = node.kindSchemaNames[kind] else { return true }
            return follow(registry.compiled(named: name), value, depth: depth, hops: hops)
        }
        var matches = 0
        for schema in node.oneOf where conforms(value, schema, depth: depth, hops: hops) {
            matches += 1
            if matches > 1 { return false }
        }
        return matches == 1
    }
}
