import JSONValues
import SchemaVocabulary

/// A JSON Schema as the runtime checks it: the keyword subset our generator emits.
///
/// Built from the compiled document's JSON form with ``init(json:)``, or field by field
/// (``init()`` is the schema that accepts anything). `$ref`s name schemas in a
/// ``SchemaRegistry``; `description`, `title` and `default` carry no constraint and
/// are not kept.
///
/// The composition keywords ``allOf``, ``anyOf`` and ``oneOf`` (with an optional
/// ``discriminator``) apply to the same value as the schema's other keywords, and
/// combine with them: `type: object` plus `allOf` asks for both.
public struct JSONSchema: Sendable, Hashable {
    /// A JSON type name as used by the `type` keyword (the spec loader's too).
    public typealias JSONType = SchemaVocabulary.JSONType

    /// A string format the validator checks (the spec loader's too).
    public typealias Format = StringFormat

    /// What an object allows besides its declared properties (the spec loader's too).
    public typealias AdditionalProperties = SchemaVocabulary.AdditionalProperties<JSONSchema>

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
    /// Values as the service sends them (`examples`): not checked, but what a stand-in
    /// answers with.
    public var examples: [JSONValue] = []
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
    /// Schemas the value must all match (`allOf`); empty means absent.
    public var allOf: [JSONSchema] = []
    /// Schemas the value must match at least one of (`anyOf`); empty means absent.
    public var anyOf: [JSONSchema] = []
    /// Schemas the value must match exactly one of (`oneOf`); empty means absent.
    ///
    /// With a ``discriminator``, the discriminator's value picks the one schema to check instead.
    public var oneOf: [JSONSchema] = []
    /// The property whose value picks the schema of ``oneOf`` to check; it has effect with ``oneOf`` only.
    public var discriminator: Discriminator?
    private var itemsStorage: [JSONSchema] = []

    /// The schema that accepts any value.
    public init() {}

    /// The schema that is a bare `$ref` to `reference`.
    package init(reference: String?) {
        self.reference = reference
    }

    /// The schema of array items; nil means any item.
    public var items: JSONSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// Whether the schema is a bare `$ref` (nothing beside it constrains the value).
    package var isReferenceOnly: Bool {
        reference != nil && self == JSONSchema(reference: reference)
    }

    /// Whether `null` is allowed by `nullable` or by `"null"` among the types.
    public var allowsNull: Bool { nullable || types.contains(.null) }

    /// The allowed type names for messages: the types as written, then `null` when nullable.
    package var allowedTypeNames: [String] {
        var names = types.map(\.rawValue)
        if nullable, !types.contains(.null) { names.append(JSONType.null.rawValue) }
        return names
    }
}

extension JSONSchema {
    /// The property of an object that names which schema of a ``JSONSchema/oneOf`` it matches.
    ///
    /// The value at ``propertyPath`` (a string) is looked up in ``mapping``, which the
    /// generator writes whole (OpenAPI's implicit entries, a `$ref` branch by its own name,
    /// written out). A value it does not list is accepted without further checks: the API adds kinds over time, and generated code decodes such a
    /// value as `undocumented(JSONValue)`.
    public struct Discriminator: Sendable, Hashable {
        /// The property's name split on `.`: `["attributes", "objectType"]` for `attributes.objectType`.
        public var propertyPath: [String]
        /// Schema names in the registry by discriminator value (`"LicenseBased": "LicenseBasedLineItem"`).
        public var mapping: [String: String]

        /// A discriminator at `propertyPath` with the explicit `mapping`.
        ///
        /// - Parameters:
        ///   - propertyPath: The property names from the object to the discriminator, outermost first.
        ///   - mapping: Schema names by discriminator value, every kind the `oneOf` knows.
        public init(propertyPath: [String], mapping: [String: String] = [:]) {
            self.propertyPath = propertyPath
            self.mapping = mapping
        }

        /// The discriminator's string in `value`; nil when it is missing or not a string.
        ///
        /// - Parameter value: The object that carries the discriminator (through nested objects).
        public func discriminatorValue(of value: JSONValue) -> String? {
            if case let .found(name) = lookup(in: value) { name } else { nil }
        }

        /// The schema name that `discriminatorValue` picks in ``mapping``; nil for a kind it
        /// does not list.
        ///
        /// - Parameter discriminatorValue: The discriminator's string, e.g. `LicenseBased`.
        public func schemaName(for discriminatorValue: String) -> String? {
            mapping[discriminatorValue]
        }

        /// What is at ``propertyPath`` in a value.
        package enum Lookup {
            /// The discriminator's string.
            case found(String)
            /// The first `depth` names of the path lead to a value that is not an object or lacks the next name.
            case missing(depth: Int)
            /// The discriminator is there, and not a string.
            case notString(JSONValue)
        }

        /// Follows ``propertyPath`` through nested objects of `value`.
        package func lookup(in value: JSONValue) -> Lookup {
            var current = value
            for (depth, name) in propertyPath.enumerated() {
                guard case let .object(members) = current, let member = members[name] else { return .missing(depth: depth) }
                current = member
            }
            guard case let .string(text) = current else { return .notString(current) }
            return .found(text)
        }

        /// The dotted form of ``propertyPath``, as the spec writes it: `attributes.objectType`.
        package var propertyName: String { propertyPath.joined(separator: ".") }
    }
}
