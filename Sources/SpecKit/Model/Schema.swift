import SchemaVocabulary

/// A JSON Schema, in the subset of the vocabulary the spec format allows.
///
/// `$ref`s are resolved to the name of a named schema: names are unique across all files.
public struct Schema: Sendable, Hashable {
    /// A JSON type name (shared with the runtime).
    public typealias JSONType = SchemaVocabulary.JSONType

    /// A string format the runtime checks (shared with the runtime).
    public typealias Format = StringFormat

    /// What an object allows besides its declared properties (shared with the runtime).
    public typealias AdditionalProperties = SchemaVocabulary.AdditionalProperties<Schema>

    /// A declared property of an object.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var schema: Schema

        public init(name: String, schema: Schema) {
            self.name = name
            self.schema = schema
        }
    }

    /// How a `oneOf` picks its branch: the value at a property path.
    public struct Discriminator: Sendable, Hashable {
        /// The property name, split on `.` (`attributes.objectType` → `["attributes", "objectType"]`).
        public var propertyPath: [String]
        /// Discriminator values and the named schema each selects, in spec order. A `oneOf`
        /// branch that is a `$ref` to `NAME` is also selected by the value `NAME` (OpenAPI's
        /// implicit mapping); see ``discriminatorMapping``.
        public var mapping: [(value: String, schemaName: String)]
        public var location: SourceLocation

        public static func == (lhs: Discriminator, rhs: Discriminator) -> Bool {
            lhs.propertyPath == rhs.propertyPath && lhs.location == rhs.location
                && lhs.mapping.elementsEqual(rhs.mapping) { $0.value == $1.value && $0.schemaName == $1.schemaName }
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(propertyPath)
            for entry in mapping {
                hasher.combine(entry.value)
                hasher.combine(entry.schemaName)
            }
        }
    }

    /// Where the schema starts in the spec.
    public var location: SourceLocation
    /// The named schema this one refers to (`$ref`), already resolved.
    public var reference: String?
    /// The allowed types, without `null`; empty means any type.
    public var types: [JSONType] = []
    /// Whether `null` is allowed (`nullable: true` or `"null"` among the types).
    public var nullable = false
    public var title: String?
    public var description: String?
    /// Declared properties, in spec order.
    public var properties: [Property] = []
    public var required: [String] = []
    public var additionalProperties: AdditionalProperties?
    private var itemsStorage: [Schema] = []
    public var enumValues: [SpecValue]?
    /// An enum that accepts values the spec does not list (`tolerant: true`).
    public var isTolerant = false
    public var constValue: SpecValue?
    public var defaultValue: SpecValue?
    /// Values as the service sends them (from its published examples): documentation, what
    /// the stub answers with, and what other tools try first.
    public var examples: [SpecValue] = []
    public var format: Format?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minimum: SpecNumber?
    public var maximum: SpecNumber?
    public var minItems: Int?
    public var maxItems: Int?
    /// Schemas the value must all match; their properties merge into one model.
    public var allOf: [Schema] = []
    /// Schemas of which the value must match at least one.
    public var anyOf: [Schema] = []
    /// Schemas of which the value must match exactly one (the one `discriminator` picks).
    public var oneOf: [Schema] = []
    public var discriminator: Discriminator?
    /// `deprecated: true`: a value of this schema (a property, a named schema) is still
    /// accepted but on its way out. Beside `$ref` it marks the use site, not the named schema.
    public var isDeprecated = false

    /// Creates an empty schema (any value) at `location`.
    public init(location: SourceLocation) {
        self.location = location
    }

    /// The schema of array items.
    public var items: Schema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// The named schema this one refers to, looked up in `schemas`; itself when it is no
    /// reference (or the name is unknown).
    public func resolved(in schemas: [String: Schema]) -> Schema {
        reference.flatMap { schemas[$0] } ?? self
    }

    /// For a `oneOf` with a discriminator: each discriminator value and the named schema it
    /// selects (OpenAPI's rule, applied here once): the explicit mapping first, then each
    /// `$ref` branch by its own name, unless the mapping already uses that name as a value.
    /// The compiled spec carries this whole mapping, so the runtime only looks values up.
    public var discriminatorMapping: [(value: String, schemaName: String)]? {
        guard let discriminator, !oneOf.isEmpty else { return nil }
        var result = discriminator.mapping
        for name in oneOf.compactMap(\.reference) where !result.contains(where: { $0.value == name }) {
            result.append((name, name))
        }
        return result
    }

    /// ``discriminatorMapping`` when every branch is a `$ref` (a choice of models); nil otherwise.
    public var branchNames: [(value: String, schemaName: String)]? {
        oneOf.allSatisfy { $0.reference != nil } ? discriminatorMapping : nil
    }

    /// The single declared type, when there is exactly one.
    public var singleType: JSONType? { types.count == 1 ? types[0] : nil }
}
