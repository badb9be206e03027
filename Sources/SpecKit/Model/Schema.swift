/// A JSON Schema, in the subset of the vocabulary the spec format allows.
///
/// `$ref`s are resolved to the name of a named schema: names are unique across all files.
public struct Schema: Sendable, Hashable {
    /// A JSON type name.
    public enum JSONType: String, Sendable, Hashable, CaseIterable, Comparable {
        case string, integer, number, boolean, object, array, null

        public static func < (lhs: JSONType, rhs: JSONType) -> Bool {
            (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
        }
    }

    /// A string format the runtime checks.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case uuid
        case dateTime = "date-time"
        case uri
        case email
    }

    /// What an object allows besides its declared properties.
    public indirect enum AdditionalProperties: Sendable, Hashable {
        case allowed(Bool)
        case schema(Schema)
    }

    /// A declared property of an object.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var schema: Schema

        public init(name: String, schema: Schema) {
            self.name = name
            self.schema = schema
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
    public var format: Format?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var minItems: Int?
    public var maxItems: Int?

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

    /// The single declared type, when there is exactly one.
    public var singleType: JSONType? { types.count == 1 ? types[0] : nil }
}
