import JSONValues

extension JSONSchema {
    /// The schema's JSON form in the compiled document: what ``init(json:)`` reads back to an
    /// equal schema. The generator writes it; the keys are those ``init(json:)`` documents, in
    /// sorted order, and only those with a value (`additionalProperties: true`, the default,
    /// is left out).
    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        if let reference { members.append(("$ref", Self.referenceValue(reference))) }
        switch types.count {
        case 0: break
        case 1: members.append(("type", .string(types[0].rawValue)))
        default: members.append(("type", .array(types.map { .string($0.rawValue) })))
        }
        if nullable { members.append(("nullable", .bool(true))) }
        if !properties.isEmpty {
            members.append(("properties", .object(JSONObject(properties.mapValues(\.json)))))
        }
        if !required.isEmpty { members.append(("required", .array(required.map(JSONValue.string)))) }
        switch additionalProperties {
        case .allowed(true): break
        case .allowed(false): members.append(("additionalProperties", .bool(false)))
        case let .schema(values): members.append(("additionalProperties", values.json))
        }
        if let items { members.append(("items", items.json)) }
        if let enumValues { members.append(("enum", .array(enumValues))) }
        if isTolerant { members.append(("x-tolerant", .bool(true))) }
        if let constValue { members.append(("const", constValue)) }
        if !examples.isEmpty { members.append(("examples", .array(examples))) }
        if let format { members.append(("format", .string(format.rawValue))) }
        if let pattern { members.append(("pattern", .string(pattern))) }
        let counts = [("minLength", minLength), ("maxLength", maxLength), ("minItems", minItems), ("maxItems", maxItems)]
        for case let (keyword, count?) in counts { members.append((keyword, .integer(count))) }
        if let minimum { members.append(("minimum", .number(minimum))) }
        if let maximum { members.append(("maximum", .number(maximum))) }
        for (keyword, schemas) in [("allOf", allOf), ("anyOf", anyOf), ("oneOf", oneOf)] where !schemas.isEmpty {
            members.append((keyword, .array(schemas.map(\.json))))
        }
        if let discriminator { members.append(("discriminator", discriminator.json)) }
        return .object(JSONObject(members.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }))
    }

    /// `#/schemas/NAME`, the name escaped as a JSON pointer token.
    static func referenceValue(_ name: String) -> JSONValue {
        .string("#/schemas/" + JSONPointer.escape(name))
    }
}

extension JSONSchema.Discriminator {
    /// `{"propertyName": "attributes.objectType", "mapping": {VALUE: "#/schemas/NAME"}}`, the
    /// mapping left out when empty.
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if !mapping.isEmpty {
            members.append(("mapping", .object(JSONObject(mapping.mapValues(JSONSchema.referenceValue)))))
        }
        members.append(("propertyName", .string(propertyPath.joined(separator: "."))))
        return .object(JSONObject(members))
    }
}
