import APIDescription
import JSONValues
import SpecKit

extension JSONSchema {
    /// The runtime's schema for a spec schema: its constraints, none of its documentation.
    /// The compiled document holds its ``JSONSchema/json`` form, which the runtime reads back.
    init(_ schema: Schema) {
        self.init()
        if let reference = schema.reference {
            // A use of a named schema: `deprecated` beside it is documentation.
            self.reference = reference
            return
        }
        types = schema.types + (schema.nullable && !schema.types.isEmpty ? [.null] : [])
        nullable = schema.nullable && schema.types.isEmpty
        properties = Dictionary(schema.properties.map { ($0.name, JSONSchema($0.schema)) }) { first, _ in first }
        required = schema.required
        additionalProperties = switch schema.additionalProperties {
        case let .allowed(flag)?: .allowed(flag)
        case let .schema(values)?: .schema(JSONSchema(values))
        case nil: .allowed(true)
        }
        items = schema.items.map(JSONSchema.init)
        enumValues = schema.enumValues?.map(JSONValue.init)
        isTolerant = schema.isTolerant
        constValue = schema.constValue.map(JSONValue.init)
        examples = schema.examples.map(JSONValue.init)
        format = schema.format
        pattern = schema.pattern
        (minLength, maxLength, minItems, maxItems) = (schema.minLength, schema.maxLength, schema.minItems, schema.maxItems)
        minimum = schema.minimum.map { JSONNumber(literal: $0.literal) }
        maximum = schema.maximum.map { JSONNumber(literal: $0.literal) }
        allOf = schema.allOf.map(JSONSchema.init)
        anyOf = schema.anyOf.map(JSONSchema.init)
        oneOf = schema.oneOf.map(JSONSchema.init)
        discriminator = schema.discriminator.map { discriminator in
            let entries = (schema.discriminatorMapping ?? []).map { ($0.value, $0.schemaName) }
            return Discriminator(propertyPath: discriminator.propertyPath, mapping: Dictionary(entries) { first, _ in first })
        }
    }
}

extension JSONValue {
    /// A value written in the spec, numbers as their literals and members in spec order.
    init(_ value: SpecValue) {
        switch value {
        case .null: self = .null
        case let .bool(flag): self = .bool(flag)
        case let .integer(number): self = .integer(number)
        case let .number(number): self = .number(JSONNumber(literal: number.literal))
        case let .string(text): self = .string(text)
        case let .array(items): self = .array(items.map(JSONValue.init))
        case let .object(members): self = .object(JSONObject(members.map { (key: $0.key, value: JSONValue($0.value)) }))
        }
    }
}

extension SpecValue {
    /// A JSON value as the generator writes it into the compiled document.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(flag): self = .bool(flag)
        case let .number(number):
            if let integer = Int(number.text), String(integer) == number.text {
                self = .integer(integer)
            } else {
                self = .number(SpecNumber(text: number.text) ?? SpecNumber(number.doubleValue ?? 0))
            }
        case let .string(text): self = .string(text)
        case let .array(items): self = .array(items.map(SpecValue.init))
        case let .object(members): self = .object(members.map { ObjectMember(key: $0.key, value: SpecValue($0.value)) })
        }
    }
}
