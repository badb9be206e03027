import SpecKit

/// Compiles the spec into the JSON document the runtime interprets: servers, shared headers,
/// operations (parameters, responses, paging) and the schemas responses are validated against.
///
/// Shared behaviour lives in the runtime, generic over this document, so the generated code
/// per operation stays a few lines long.
enum DocumentTranslator {
    static func document(for spec: Spec) -> SpecValue {
        object([
            ("api", .string(spec.api)),
            ("auth", .string(spec.auth.rawValue)),
            ("headers", .array(spec.headers.map(header))),
            ("operations", object(spec.operations.map { ($0.id, operation($0)) })),
            ("schemas", object(spec.schemas.map { ($0.name, schema($0.schema)) })),
            ("servers", object(spec.servers.map { ($0.name, .string($0.url)) })),
        ])
    }

    private static func header(_ header: SharedHeader) -> SpecValue {
        var members: [(String, SpecValue?)] = [("name", .string(header.name))]
        switch header.source {
        case let .fixed(value): members.append(("value", .string(value)))
        case let .defaultValue(value): members.append(("default", .string(value)))
        case let .generatedUUID(scope): members += [("generate", .string("uuid")), ("per", .string(scope.rawValue))]
        }
        return object(members)
    }

    private static func operation(_ operation: Operation) -> SpecValue {
        object([
            ("method", .string(operation.method.rawValue)),
            ("path", .string(operation.path)),
            ("summary", operation.summary.map(SpecValue.string)),
            ("description", operation.description.map(SpecValue.string)),
            ("parameters", .array(operation.parameters.map(parameter))),
            ("responses", object(operation.responses.map { (statusKey($0.status), .string($0.schemaName)) })),
            ("paging", operation.paging.map { object([("items", .string($0.items)), ("next", .array($0.next.map(SpecValue.string)))]) }),
        ])
    }

    private static func parameter(_ parameter: Parameter) -> SpecValue {
        object([
            ("name", .string(parameter.name)),
            ("in", .string(parameter.location.rawValue)),
            ("required", .bool(parameter.isRequired)),
            ("encoding", .string(parameter.encoding.rawValue)),
            ("description", parameter.description.map(SpecValue.string)),
            ("argument", parameter.argumentName.map(SpecValue.string)),
            ("arguments", parameter.propertyArguments.isEmpty ? nil : object(parameter.propertyArguments.map { ($0.key, .string($0.value)) })),
            ("schema", schema(parameter.schema)),
        ])
    }

    private static func statusKey(_ status: Response.Status) -> String {
        switch status {
        case let .code(code): String(code)
        case .default: "default"
        }
    }

    /// A schema in standard JSON Schema keywords; `tolerant` becomes `x-tolerant`.
    static func schema(_ schema: Schema) -> SpecValue {
        if let reference = schema.reference {
            return object([("$ref", .string("#/schemas/" + reference))])
        }
        var types = schema.types.map { SpecValue.string($0.rawValue) }
        if schema.nullable, !types.isEmpty { types.append(.string("null")) }
        let typeValue: SpecValue? = types.isEmpty ? nil : (types.count == 1 ? types[0] : .array(types))
        let additional: SpecValue? = switch schema.additionalProperties {
        case let .allowed(flag)?: .bool(flag)
        case let .schema(values)?: self.schema(values)
        case nil: nil
        }
        return object([
            ("type", typeValue),
            ("nullable", schema.nullable && types.isEmpty ? .bool(true) : nil),
            ("properties", schema.properties.isEmpty ? nil : object(schema.properties.map { ($0.name, self.schema($0.schema)) })),
            ("required", schema.required.isEmpty ? nil : .array(schema.required.map(SpecValue.string))),
            ("additionalProperties", additional),
            ("items", schema.items.map(self.schema)),
            ("enum", schema.enumValues.map(SpecValue.array)),
            ("x-tolerant", schema.isTolerant ? .bool(true) : nil),
            ("const", schema.constValue),
            ("format", schema.format.map { .string($0.rawValue) }),
            ("pattern", schema.pattern.map(SpecValue.string)),
            ("minLength", schema.minLength.map(SpecValue.integer)),
            ("maxLength", schema.maxLength.map(SpecValue.integer)),
            ("minimum", schema.minimum.map(number)),
            ("maximum", schema.maximum.map(number)),
            ("minItems", schema.minItems.map(SpecValue.integer)),
            ("maxItems", schema.maxItems.map(SpecValue.integer)),
        ])
    }

    private static func number(_ value: Double) -> SpecValue {
        if value.rounded() == value, abs(value) < 1e15 { return .integer(Int(value)) }
        return .number(value)
    }

    /// An object of the present members, keys sorted.
    private static func object(_ members: [(String, SpecValue?)]) -> SpecValue {
        .object(members.compactMap { key, value in value.map { SpecValue.ObjectMember(key: key, value: $0) } }.sorted { $0.key < $1.key })
    }
}
