import SpecKit

/// Writes a spec schema in standard JSON Schema keywords, for the compiled spec the runtime
/// reads or for an OpenAPI 3.1 document.
struct JSONSchemaTranslator {
    /// Where `$ref`s point: `#/schemas/` in the compiled spec, `#/components/schemas/` in OpenAPI.
    var referencePrefix: String
    /// Whether titles, descriptions and defaults are written (the runtime needs none of them).
    var includesDocumentation: Bool
    /// How a tolerant enum is written: `x-tolerant: true` for the runtime, or for other tools
    /// as "one of these strings, or any string" (`anyOf`), which means the same.
    var tolerantEnumsAsAnyOf: Bool

    /// For the runtime's compiled spec.
    static let compiled = JSONSchemaTranslator(referencePrefix: "#/schemas/", includesDocumentation: false, tolerantEnumsAsAnyOf: false)
    /// For an OpenAPI 3.1 document.
    static let openAPI = JSONSchemaTranslator(referencePrefix: "#/components/schemas/", includesDocumentation: true, tolerantEnumsAsAnyOf: true)

    func schema(_ schema: Schema) -> SpecValue {
        let documentation: [(String, SpecValue?)] = includesDocumentation
            ? [("title", schema.title.map(SpecValue.string)), ("description", schema.description.map(SpecValue.string)), ("default", schema.defaultValue)]
            : []
        if let reference = schema.reference {
            return DocumentTranslator.object([("$ref", .string(referencePrefix + reference))] + documentation)
        }
        var types = schema.types.map { SpecValue.string($0.rawValue) }
        if schema.nullable, !types.isEmpty { types.append(.string("null")) }
        let typeValue: SpecValue? = types.isEmpty ? nil : (types.count == 1 ? types[0] : .array(types))
        let additional: SpecValue? = switch schema.additionalProperties {
        case let .allowed(flag)?: .bool(flag)
        case let .schema(values)?: self.schema(values)
        case nil: nil
        }
        var enumeration: [(String, SpecValue?)] = [("enum", schema.enumValues.map(SpecValue.array))]
        if schema.isTolerant {
            enumeration = tolerantEnumsAsAnyOf
                ? [("anyOf", .array([DocumentTranslator.object(enumeration), DocumentTranslator.object([("type", .string("string"))])]))]
                : enumeration + [("x-tolerant", .bool(true))]
        }
        return DocumentTranslator.object([
            ("type", typeValue),
            ("nullable", schema.nullable && types.isEmpty && !tolerantEnumsAsAnyOf ? .bool(true) : nil),
            ("properties", schema.properties.isEmpty ? nil : DocumentTranslator.object(schema.properties.map { ($0.name, self.schema($0.schema)) })),
            ("required", schema.required.isEmpty ? nil : .array(schema.required.map(SpecValue.string))),
            ("additionalProperties", additional),
            ("items", schema.items.map(self.schema)),
            ("const", schema.constValue),
            ("format", schema.format.map { .string($0.rawValue) }),
            ("pattern", schema.pattern.map(SpecValue.string)),
            ("minLength", schema.minLength.map(SpecValue.integer)),
            ("maxLength", schema.maxLength.map(SpecValue.integer)),
            ("minimum", schema.minimum.map(Self.number)),
            ("maximum", schema.maximum.map(Self.number)),
            ("minItems", schema.minItems.map(SpecValue.integer)),
            ("maxItems", schema.maxItems.map(SpecValue.integer)),
            ("allOf", schema.allOf.isEmpty ? nil : .array(schema.allOf.map(self.schema))),
            ("anyOf", schema.anyOf.isEmpty ? nil : .array(schema.anyOf.map(self.schema))),
            ("oneOf", schema.oneOf.isEmpty ? nil : .array(schema.oneOf.map(self.schema))),
            ("discriminator", schema.discriminator.map(discriminator)),
        ] + enumeration + documentation)
    }

    /// `{"propertyName": …, "mapping": {value: "$ref"}}`. OpenAPI's `propertyName` is one
    /// property: a dotted path is also written as `x-propertyPath`, for tools that read it.
    private func discriminator(_ discriminator: Schema.Discriminator) -> SpecValue {
        let mapping = discriminator.mapping.map { ($0.value, SpecValue.string(referencePrefix + $0.schemaName)) }
        return DocumentTranslator.object([
            ("propertyName", .string(discriminator.propertyPath.joined(separator: "."))),
            ("x-propertyPath", includesDocumentation && discriminator.propertyPath.count > 1 ? .array(discriminator.propertyPath.map(SpecValue.string)) : nil),
            ("mapping", mapping.isEmpty ? nil : DocumentTranslator.object(mapping)),
        ])
    }

    /// Whole numbers as integers (`1`, not `1.0`).
    private static func number(_ value: Double) -> SpecValue {
        if value.rounded() == value, abs(value) < 1e15 { return .integer(Int(value)) }
        return .number(value)
    }
}
