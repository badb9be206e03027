/// A JSON Schema as the runtime checks it: the keyword subset our generator emits.
///
/// Built from the compiled document's JSON form with ``init(json:)``, or field by field
/// (``init()`` is the schema that accepts anything). `$ref`s name schemas in a
/// ``SchemaRegistry``; `description`, `title` and `default` carry no constraint and
/// are not kept.
public struct JSONSchema: Sendable, Hashable {
    /// A JSON type name as used by the `type` keyword.
    public enum JSONType: String, Sendable, Hashable, CaseIterable {
        case null, boolean, integer, number, string, array, object
    }

    /// A string format the validator checks.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// 8-4-4-4-12 hexadecimal digits, either case.
        case uuid
        /// An RFC 3339 date-time such as `2024-05-01T12:00:00.5+02:00`.
        case dateTime = "date-time"
        /// An absolute URI with a scheme (RFC 3986).
        case uri
        /// A simple `local@domain.tld` address.
        case email
    }

    /// What an object allows besides its declared properties.
    public indirect enum AdditionalProperties: Sendable, Hashable {
        /// Any other property (`true`) or none (`false`).
        case allowed(Bool)
        /// Other properties, each matching this schema.
        case schema(JSONSchema)
    }

    /// The named schema this one refers to: `NAME` of `"$ref": "#/schemas/NAME"`.
    public var reference: String?
    /// The allowed types, in the order written; empty means any type.
    public var types: [JSONType] = []
    /// Whether `null` is allowed in addition to ``types`` (`nullable: true`).
    public var nullable = false
    /// Declared properties by name.
    public var properties: [String: JSONSchema] = [:]
    /// Properties an object must have.
    public var required: [String] = []
    /// What an object allows besides ``properties``.
    public var additionalProperties: AdditionalProperties = .allowed(true)
    /// The allowed values (`enum`).
    public var enumValues: [JSONValue]?
    /// Whether the enum also accepts strings it does not list (`x-tolerant: true`).
    public var isTolerant = false
    /// The only allowed value (`const`).
    public var constValue: JSONValue?
    /// The format strings must have.
    public var format: Format?
    /// The fewest characters (Unicode scalars) a string may have.
    public var minLength: Int?
    /// The most characters (Unicode scalars) a string may have.
    public var maxLength: Int?
    /// A regular expression a string must contain a match of (search, not whole match).
    public var pattern: String?
    /// The smallest allowed number, inclusive.
    public var minimum: JSONNumber?
    /// The largest allowed number, inclusive.
    public var maximum: JSONNumber?
    /// The fewest items an array may have.
    public var minItems: Int?
    /// The most items an array may have.
    public var maxItems: Int?
    private var itemsStorage: [JSONSchema] = []

    /// The schema that accepts any value.
    public init() {}

    /// The schema that is a bare `$ref` to `reference`.
    init(reference: String?) {
        self.reference = reference
    }

    /// The schema of array items; nil means any item.
    public var items: JSONSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// Whether the schema is a bare `$ref` (nothing beside it constrains the value).
    var isReferenceOnly: Bool {
        reference != nil && self == JSONSchema(reference: reference)
    }

    /// Whether `null` is allowed by `nullable` or by `"null"` among the types.
    public var allowsNull: Bool { nullable || types.contains(.null) }

    /// The allowed type names for messages: the types as written, then `null` when nullable.
    var allowedTypeNames: [String] {
        var names = types.map(\.rawValue)
        if nullable, !types.contains(.null) { names.append(JSONType.null.rawValue) }
        return names
    }
}
