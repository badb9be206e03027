import JSONValues
import SchemaVocabulary

/// A JSON Schema: the one schema model of the package. The spec loader decodes a spec's
/// schemas into it (with their annotations, properties in spec order), the generator writes
/// Swift types and the compiled document from it, and the runtime reads it back from that
/// document and validates against it.
///
/// Built field by field (``init()`` is the schema that accepts anything) or from the
/// compiled document's JSON form with ``init(json:)``. `$ref`s name schemas in a
/// ``SchemaRegistry``. The ``annotations`` and ``defaultValue`` carry no constraint: the
/// compiled form leaves them out.
///
/// The composition keywords ``allOf``, ``anyOf`` and ``oneOf`` (with an optional
/// ``discriminator``) apply to the same value as the schema's other keywords, and
/// combine with them: `type: object` plus `allOf` asks for both.
public struct JSONSchema: Sendable, Hashable {
    /// A JSON type name as used by the `type` keyword.
    public typealias JSONType = SchemaVocabulary.JSONType

    /// A string format the validator checks.
    public typealias Format = StringFormat

    /// What an object allows besides its declared properties.
    public typealias AdditionalProperties = SchemaVocabulary.AdditionalProperties<JSONSchema>

    /// The named schema this one refers to: `NAME` of `"$ref": "#/schemas/NAME"`.
    public var reference: String?
    /// The allowed types, in the order written, `null` (when allowed) last; empty means any type.
    public var types: [JSONType] = []
    /// `nullable: true` on a schema without ``types``: a value that may be `null` (a property
    /// that is then optional in Swift). With types, the loader lists `null` among them instead.
    public var nullable = false
    /// Declared properties, in the order written.
    public var properties: Properties = [:]
    /// Properties an object must have.
    public var required: [String] = []
    /// What an object allows besides ``properties``; nil (not written) allows anything.
    public var additionalProperties: AdditionalProperties?
    /// The allowed values (`enum`).
    public var enumValues: [JSONValue]?
    /// Whether the enum also accepts strings it does not list (`x-tolerant: true`).
    public var isTolerant = false
    /// The only allowed value (`const`).
    public var constValue: JSONValue?
    /// Values as the service sends them (`examples`): not checked, but what a stand-in
    /// answers with and what other tools try first.
    public var examples: [JSONValue] = []
    /// The format strings must have.
    public var format: Format?
    /// The fewest characters (Unicode scalars) a string may have.
    public var minLength: Int?
    /// The most characters (Unicode scalars) a string may have.
    public var maxLength: Int?
    /// A regular expression a string must contain a match of (search, not whole match).
    public var pattern: String?
    /// The smallest allowed number, inclusive, as written.
    public var minimum: JSONNumber?
    /// The largest allowed number, inclusive, as written.
    public var maximum: JSONNumber?
    /// A number the value must be a whole multiple of (`multipleOf`, greater than 0), as written.
    public var multipleOf: JSONNumber?
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
    /// What the schema says to people (`title`, `description`, `deprecated`): documentation
    /// only. Beside `$ref` they describe the use site, not the named schema.
    public var annotations = Annotations()
    /// The value assumed when none is given (`default`): documentation, and a generated
    /// argument's default.
    public var defaultValue: JSONValue?
    private var itemsStorage: [JSONSchema] = []

    /// The schema that accepts any value.
    public init() {}

    /// The schema that is a bare `$ref` to `reference`.
    public init(reference: String?) {
        self.reference = reference
    }

    /// The schema of array items; nil means any item.
    public var items: JSONSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }

    /// The schema without its annotations: what validation sees.
    public var constraints: JSONSchema {
        var schema = self
        (schema.annotations, schema.defaultValue) = (Annotations(), nil)
        return schema
    }

    /// Whether the schema is a bare `$ref` (nothing beside it constrains the value).
    package var isReferenceOnly: Bool {
        reference != nil && constraints == JSONSchema(reference: reference)
    }

    /// Whether `null` is allowed by `nullable` or by `"null"` among the types.
    public var allowsNull: Bool { nullable || types.contains(.null) }

    /// The allowed types other than `null`; empty means any type.
    public var nonNullTypes: [JSONType] { types.filter { $0 != .null } }

    /// The single type other than `null`, when there is exactly one.
    public var singleType: JSONType? {
        let types = nonNullTypes
        return types.count == 1 ? types[0] : nil
    }

    /// The allowed type names for messages: the types as written, then `null` when nullable.
    package var allowedTypeNames: [String] {
        var names = types.map(\.rawValue)
        if nullable, !types.contains(.null) { names.append(JSONType.null.rawValue) }
        return names
    }

    /// The named schema this one refers to, looked up in `schemas`; itself when it is no
    /// reference (or the name is unknown).
    public func resolved(in schemas: [String: JSONSchema]) -> JSONSchema {
        reference.flatMap { schemas[$0] } ?? self
    }
}
