/// A schema prepared for validation: a tree of references, so the validator's work list
/// holds a pointer per value instead of a copy of a schema, with names sorted once instead
/// of per object.
final class CompiledSchema: Sendable {
    /// What an object allows besides its declared properties.
    enum Additional: Sendable {
        case allowed(Bool)
        case schema(CompiledSchema)
    }

    /// The keywords (kept for the scalar checks).
    let schema: JSONSchema
    /// The position of the schema ``JSONSchema/reference`` names in its registry's
    /// ``SchemaRegistry/compiledByPosition``, so that following a `$ref` hashes no name;
    /// nil when there is no reference or the registry has no such name.
    let referencePosition: Int?
    /// ``JSONSchema/types`` as bits of ``JSONValue/typeBit`` (`integer` its own bit); 0 allows any type.
    let typeMask: UInt8
    /// Whether `null` is accepted before any other keyword is looked at (``JSONSchema/allowsNull``).
    let allowsNull: Bool
    /// Whether there is a `$ref`.
    let hasReference: Bool
    /// Whether there is a `const` or an `enum`.
    let constrainsValue: Bool
    /// Whether a string is checked beyond its type: `format`, `minLength`, `maxLength` or `pattern`.
    let constrainsStrings: Bool
    /// Whether a number is checked beyond its type: `minimum` or `maximum`.
    let constrainsNumbers: Bool
    /// Whether there is an `allOf`, an `anyOf` or a `oneOf`.
    let composes: Bool
    /// Whether a `$ref` is all the schema checks, `nullable` aside (a property naming a
    /// shared schema), so that a value conforms exactly when it conforms to the schema named.
    let checksOnlyReference: Bool
    /// Declared properties, sorted by name.
    let properties: [(name: String, schema: CompiledSchema)]
    /// The names of ``properties``, to find a member's property without hashing its key.
    let propertyKeys: JSONKeyTable
    /// Whether the property at each position of ``properties`` is required.
    let isRequiredProperty: [Bool]
    /// How many of ``required`` are declared properties.
    let requiredPropertyCount: Int
    /// The names in ``required`` that are not declared properties, sorted.
    let requiredUndeclared: [String]
    /// What other members may be. Kept as a flag and a plain optional reference, not as an
    /// `Additional` (whose payload pointer sits in spare bits where LeakSanitizer cannot see
    /// it, so that a live schema would be reported as leaked).
    private let additionalAllowed: Bool
    private let additionalSchema: CompiledSchema?
    var additional: Additional { additionalSchema.map(Additional.schema) ?? .allowed(additionalAllowed) }
    let items: CompiledSchema?
    /// Required property names, sorted.
    let required: [String]
    /// The schemas of `allOf`, `anyOf` and `oneOf`, in order.
    let allOf: [CompiledSchema]
    let anyOf: [CompiledSchema]
    let oneOf: [CompiledSchema]
    /// For a discriminated `oneOf`: the named schema each discriminator value picks, the
    /// explicit mapping then OpenAPI's implicit entries (``JSONSchema/discriminatorMapping``).
    let kindSchemaNames: [String: String]

    /// Compiles `schema` and the schemas inside it; each `$ref` becomes its name's position in
    /// `positions` (a registry's schemas refer to each other, in cycles too, so a reference is
    /// kept as a position in the registry rather than as the compiled schema itself).
    init(_ schema: JSONSchema, positions: [String: Int]) {
        self.schema = schema
        referencePosition = schema.reference.flatMap { positions[$0] }
        typeMask = schema.types.reduce(0) { $0 | Self.bit(of: $1) }
        allowsNull = schema.allowsNull
        hasReference = schema.reference != nil
        constrainsValue = Keywords.constrainsValues(schema)
        constrainsStrings = Keywords.constrainsStrings(schema)
        constrainsNumbers = Keywords.constrainsNumbers(schema)
        composes = !schema.allOf.isEmpty || !schema.anyOf.isEmpty || !schema.oneOf.isEmpty
        let allowsAnyMember = (schema.additionalProperties ?? .allowed(true)) == .allowed(true)
        checksOnlyReference = hasReference && typeMask == 0 && !constrainsValue && !constrainsStrings && !constrainsNumbers && !composes
            && schema.properties.isEmpty && schema.required.isEmpty && allowsAnyMember && schema.items == nil
            && schema.minItems == nil && schema.maxItems == nil
        func compile(_ schema: JSONSchema) -> CompiledSchema { CompiledSchema(schema, positions: positions) }
        let properties = schema.properties.sorted { $0.name < $1.name }.map { (name: $0.name, schema: compile($0.schema)) }
        self.properties = properties
        propertyKeys = JSONKeyTable(properties.map(\.name))
        let requiredNames = Set(schema.required)
        isRequiredProperty = properties.map { requiredNames.contains($0.name) }
        requiredPropertyCount = isRequiredProperty.count(where: \.self)
        requiredUndeclared = requiredNames.filter { schema.properties[$0] == nil }.sorted()
        switch schema.additionalProperties ?? .allowed(true) {
        case let .allowed(flag):
            additionalAllowed = flag
            additionalSchema = nil
        case let .schema(values):
            additionalAllowed = true
            additionalSchema = compile(values)
        }
        items = schema.items.map(compile)
        required = schema.required.sorted()
        allOf = schema.allOf.map(compile)
        anyOf = schema.anyOf.map(compile)
        oneOf = schema.oneOf.map(compile)
        kindSchemaNames = Dictionary((schema.discriminatorMapping ?? [:]).map { ($0.value, $0.schemaName) }) { first, _ in first }
    }

    /// What an object's member `key` must be.
    enum MemberRule {
        /// It must match this schema.
        case schema(CompiledSchema)
        /// Anything: an undeclared member where others are allowed.
        case unchecked
        /// Nothing: an undeclared member where none are allowed.
        case forbidden
    }

    /// The rule for the member `key` of an object this schema checks.
    func rule(forMember key: String) -> MemberRule {
        rule(forProperty: propertyKeys.position(of: key))
    }

    /// The rule for a member whose key is the property at `position` of ``properties``, or
    /// (nil) no declared property.
    func rule(forProperty position: Int?) -> MemberRule {
        if let position { return .schema(properties[position].schema) }
        if let additionalSchema { return .schema(additionalSchema) }
        return additionalAllowed ? .unchecked : .forbidden
    }

    /// The bit of `type` in ``typeMask``.
    static func bit(of type: JSONSchema.JSONType) -> UInt8 {
        switch type {
        case .null: 1 << 0
        case .boolean: 1 << 1
        case .string: 1 << 2
        case .number: 1 << 3
        case .array: 1 << 4
        case .object: 1 << 5
        case .integer: 1 << 6
        }
    }

    /// The bit of the type `value` has in ``typeMask`` (a number's is `number`'s).
    static func bit(of value: JSONValue) -> UInt8 {
        switch value {
        case .null: bit(of: JSONSchema.JSONType.null)
        case .bool: bit(of: JSONSchema.JSONType.boolean)
        case .string: bit(of: JSONSchema.JSONType.string)
        case .number: bit(of: JSONSchema.JSONType.number)
        case .array: bit(of: JSONSchema.JSONType.array)
        case .object: bit(of: JSONSchema.JSONType.object)
        }
    }
}
