/// Decodes a schema node into a ``JSONSchema``, reporting every keyword problem with its
/// position, and recording where each schema starts in a ``LocationRecorder``.
struct SchemaDecoder {
    static let keywords =
        [
            "$ref", "type", "properties", "required", "additionalProperties", "items",
            "enum", "tolerant", "const", "default", "nullable", "format", "minLength", "maxLength", "pattern",
            "minimum", "maximum", "multipleOf", "minItems", "maxItems", "allOf", "anyOf", "oneOf", "discriminator", "examples",
        ] + annotationKeywords
    private static let annotationKeywords = Annotations.Keyword.all(for: .schema).map(\.rawValue)
    static let discriminatorKeys = ["propertyName", "mapping"]

    /// Keywords that may stand beside `$ref`: the annotations, which document the use site.
    private static let referenceCompanions = Set(["$ref"] + annotationKeywords)

    let file: String
    let resolver: ReferenceResolver
    let recorder: LocationRecorder

    /// The schema `node` holds, at `pointer` in the spec (nil: a schema whose place the side
    /// table does not keep).
    func decode(_ node: YAMLNode, at pointer: String?, diagnostics: inout DiagnosticCollector) -> JSONSchema {
        var schema = JSONSchema()
        if let pointer { recorder.record(node.location, at: pointer) }
        guard let reader = MappingReader(node, what: "a schema", allowed: Self.keywords, diagnostics: &diagnostics) else {
            return schema
        }
        schema.annotations = reader.annotations(for: .schema, diagnostics: &diagnostics)
        if let refNode = reader["$ref"] {
            // A reference is where its `$ref` is written (a cycle is reported there).
            if let pointer, let key = reader.keyNode("$ref") { recorder.record(key.location, at: pointer) }
            for entry in reader.entries where !Self.referenceCompanions.contains(entry.key) {
                diagnostics.error("'\(entry.key)' cannot stand beside '$ref'; describe the referenced schema instead", at: entry.keyNode.location)
            }
            if let text = ScalarReader.string(refNode, key: "$ref", diagnostics: &diagnostics) {
                schema.reference = resolver.resolve(text, from: file, at: refNode, diagnostics: &diagnostics)
            }
            return schema
        }
        decodeTypes(reader, into: &schema, diagnostics: &diagnostics)
        decodeObjectKeywords(reader, at: pointer, into: &schema, diagnostics: &diagnostics)
        decodeValueKeywords(reader, into: &schema, diagnostics: &diagnostics)
        decodeBounds(reader, into: &schema, diagnostics: &diagnostics)
        decodeComposition(reader, at: pointer, into: &schema, diagnostics: &diagnostics)
        for keyword in ["format", "minLength", "maxLength", "pattern"] {
            requireType(.string, for: keyword, reader, schema, diagnostics: &diagnostics)
        }
        for keyword in ["minimum", "maximum", "multipleOf"] {
            requireType(.integer, .number, for: keyword, reader, schema, diagnostics: &diagnostics)
        }
        let decimalTypes: Set<JSONSchema.JSONType> = [.number, .integer, .string, .null]
        // (A type without `string` is already reported above, as for any format.)
        if schema.format == .decimal, let key = reader.keyNode("format"),
            schema.nonNullTypes.isEmpty || (schema.types.contains(.string) && !decimalTypes.isSuperset(of: schema.types))
        {
            diagnostics.error("'format: decimal' describes a number that may come as a string: give the schema 'type: [number, string]'", at: key.location)
        }
        for keyword in ["minItems", "maxItems"] {
            requireType(.array, for: keyword, reader, schema, diagnostics: &diagnostics)
        }
        for keyword in ["const", "default", "enum", "examples"] {
            checkValueTypes(keyword, reader, schema, diagnostics: &diagnostics)
        }
        return schema
    }

    private func decodeTypes(_ reader: MappingReader, into schema: inout JSONSchema, diagnostics: inout DiagnosticCollector) {
        if let typeNode = reader["type"] {
            let names: [(String, YAMLNode)]?
            if case let .sequence(items) = typeNode.content {
                // An unquoted `null` in a type list is YAML's null; it means the "null" type.
                names = items.compactMap { item in
                    item.isNull ? ("null", item) : ScalarReader.string(item, key: "type", diagnostics: &diagnostics).map { ($0, item) }
                }
            } else {
                names = ScalarReader.string(typeNode, key: "type", diagnostics: &diagnostics).map { [($0, typeNode)] }
            }
            let known = JSONSchema.JSONType.allCases.map(\.rawValue)
            for (name, node) in names ?? [] {
                guard let type = JSONSchema.JSONType(rawValue: name) else {
                    diagnostics.error("unknown type '\(name)'\(Suggestion.clause(for: name, in: known))", at: node.location)
                    continue
                }
                if !schema.types.contains(type) { schema.types.append(type) }
            }
        }
        // `null` goes last among the types; `nullable: true` beside types is one more of them.
        let allowsNull = reader.bool("nullable", diagnostics: &diagnostics) == true || schema.types.contains(.null)
        schema.types.removeAll { $0 == .null }
        if allowsNull {
            if schema.types.isEmpty, reader["type"] == nil { schema.nullable = true } else { schema.types.append(.null) }
        }
    }

    private func decodeObjectKeywords(_ reader: MappingReader, at pointer: String?, into schema: inout JSONSchema, diagnostics: inout DiagnosticCollector) {
        if let propertiesNode = reader["properties"],
            let properties = MappingReader(propertiesNode, what: "'properties'", allowed: nil, diagnostics: &diagnostics)
        {
            requireType(.object, for: "properties", reader, schema, diagnostics: &diagnostics)
            schema.properties = JSONSchema.Properties(properties.entries.map { entry in
                let schema = decode(entry.value, at: pointer.map { $0 + "/properties/" + JSONPointer.escape(entry.key) }, diagnostics: &diagnostics)
                return JSONSchema.Property(name: entry.key, schema: schema)
            })
        }
        if let requiredNode = reader["required"] {
            let declared = Set(schema.properties.keys)
            for (name, node) in ScalarReader.strings(requiredNode, key: "required", diagnostics: &diagnostics) ?? [] {
                if !declared.contains(name) {
                    diagnostics.error("required property '\(name)' is not declared in 'properties'\(Suggestion.clause(for: name, in: declared))", at: node.location)
                } else if schema.required.contains(name) {
                    diagnostics.error("property '\(name)' is listed twice in 'required'", at: node.location)
                } else {
                    schema.required.append(name)
                }
            }
        }
        if let additional = reader["additionalProperties"] {
            requireType(.object, for: "additionalProperties", reader, schema, diagnostics: &diagnostics)
            if case .mapping = additional.content {
                schema.additionalProperties = .schema(decode(additional, at: pointer.map { $0 + "/additionalProperties" }, diagnostics: &diagnostics))
            } else if let allowed = ScalarReader.bool(additional, key: "additionalProperties", diagnostics: &diagnostics) {
                schema.additionalProperties = .allowed(allowed)
            }
        }
        if let itemsNode = reader["items"] {
            requireType(.array, for: "items", reader, schema, diagnostics: &diagnostics)
            schema.items = decode(itemsNode, at: pointer.map { $0 + "/items" }, diagnostics: &diagnostics)
        } else if schema.types.contains(.array) {
            diagnostics.error("an array schema needs 'items'", at: reader.keyNode("type")?.location ?? reader.node.location)
        }
    }

    private func decodeValueKeywords(_ reader: MappingReader, into schema: inout JSONSchema, diagnostics: inout DiagnosticCollector) {
        if let enumNode = reader["enum"] {
            if case let .sequence(items) = enumNode.content, !items.isEmpty {
                var values: [JSONValue] = []
                for item in items {
                    let value = ScalarReader.value(item)
                    if values.contains(value) {
                        diagnostics.error("enum value \(JSONWriter.string(from: value, order: .received)) is listed twice", at: item.location)
                    } else {
                        values.append(value)
                    }
                }
                schema.enumValues = values
            } else {
                diagnostics.error("'enum' must be a non-empty sequence, found \(enumNode.kindName)", at: enumNode.location)
            }
        }
        if let tolerant = reader.bool("tolerant", diagnostics: &diagnostics) {
            if schema.enumValues == nil, let key = reader.keyNode("tolerant") {
                diagnostics.error("'tolerant' applies only to a schema with 'enum'", at: key.location)
            }
            schema.isTolerant = tolerant
        }
        if let constNode = reader["const"] {
            schema.constValue = ScalarReader.value(constNode)
        }
        if let defaultNode = reader["default"] {
            schema.defaultValue = ScalarReader.value(defaultNode)
        }
        if let examplesNode = reader["examples"] {
            if case let .sequence(items) = examplesNode.content, !items.isEmpty {
                schema.examples = items.map(ScalarReader.value)
            } else {
                diagnostics.error("'examples' must be a non-empty sequence of values, found \(examplesNode.kindName)", at: examplesNode.location)
            }
        }
        if let format = reader.choice("format", among: JSONSchema.Format.allCases.map(\.rawValue), diagnostics: &diagnostics) {
            schema.format = JSONSchema.Format(rawValue: format)
        }
        if let patternNode = reader["pattern"], let pattern = ScalarReader.string(patternNode, key: "pattern", diagnostics: &diagnostics) {
            do {
                _ = try Regex(pattern)
                schema.pattern = pattern
            } catch {
                diagnostics.error("'pattern' is not a valid regular expression: \(error)", at: patternNode.location)
            }
        }
    }

    /// `allOf`, `anyOf`, `oneOf` (non-empty lists of schemas) and `oneOf`'s `discriminator`.
    private func decodeComposition(_ reader: MappingReader, at pointer: String?, into schema: inout JSONSchema, diagnostics: inout DiagnosticCollector) {
        for keyword in ["allOf", "anyOf", "oneOf"] {
            guard let node = reader[keyword] else { continue }
            guard case let .sequence(items) = node.content, !items.isEmpty else {
                let found = if case .sequence = node.content { "an empty sequence" } else { node.kindName }
                diagnostics.error("'\(keyword)' must be a non-empty sequence of schemas, found \(found)", at: node.location)
                continue
            }
            let branches = items.enumerated().map { position, item in
                decode(item, at: pointer.map { $0 + "/\(keyword)/\(position)" }, diagnostics: &diagnostics)
            }
            switch keyword {
            case "allOf": schema.allOf = branches
            case "anyOf": schema.anyOf = branches
            default: schema.oneOf = branches
            }
        }
        guard let node = reader["discriminator"],
            let discriminator = MappingReader(node, what: "'discriminator'", allowed: Self.discriminatorKeys, diagnostics: &diagnostics)
        else { return }
        let key = reader.keyNode("discriminator")
        if schema.oneOf.isEmpty, let key {
            diagnostics.error("'discriminator' applies only beside 'oneOf'", at: key.location)
        }
        guard let nameNode = discriminator.required("propertyName", in: "'discriminator'", owner: key, diagnostics: &diagnostics),
            let name = ScalarReader.string(nameNode, key: "propertyName", diagnostics: &diagnostics)
        else { return }
        let path = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if path.contains(where: \.isEmpty) {
            diagnostics.error("'propertyName' must be a property name or a dotted path such as 'attributes.objectType', found '\(name)'", at: nameNode.location)
            return
        }
        if case let .sequence(items)? = reader["oneOf"]?.content {
            for (index, (branch, item)) in zip(schema.oneOf, items).enumerated() where branch.reference == nil {
                diagnostics.error("a discriminated 'oneOf' needs a '$ref' in each branch; branch \(index + 1) has none", at: item.location)
            }
        }
        let branchNames = Set(schema.oneOf.compactMap(\.reference))
        var mapping: [JSONSchema.Discriminator.Kind] = []
        if let mappingNode = discriminator["mapping"],
            let entries = MappingReader(mappingNode, what: "'mapping'", allowed: nil, diagnostics: &diagnostics)
        {
            for entry in entries.entries {
                guard let text = ScalarReader.string(entry.value, key: entry.key, diagnostics: &diagnostics),
                    let target = resolver.resolve(text, from: file, at: entry.value, diagnostics: &diagnostics)
                else { continue }
                if !branchNames.contains(target) {
                    let listed = branchNames.sorted()
                    diagnostics.error(
                        "discriminator value '\(entry.key)' maps to '\(target)', which is not a branch of the 'oneOf'\(Suggestion.clause(for: target, in: listed))",
                        at: entry.value.location
                    )
                    continue
                }
                mapping.append(.init(value: entry.key, schemaName: target))
            }
        }
        schema.discriminator = JSONSchema.Discriminator(propertyPath: path, mapping: JSONSchema.Discriminator.Mapping(mapping))
    }

    private func decodeBounds(_ reader: MappingReader, into schema: inout JSONSchema, diagnostics: inout DiagnosticCollector) {
        schema.minLength = reader.integer("minLength", diagnostics: &diagnostics)
        schema.maxLength = reader.integer("maxLength", diagnostics: &diagnostics)
        schema.minItems = reader.integer("minItems", diagnostics: &diagnostics)
        schema.maxItems = reader.integer("maxItems", diagnostics: &diagnostics)
        schema.minimum = reader.number("minimum", diagnostics: &diagnostics)
        schema.maximum = reader.number("maximum", diagnostics: &diagnostics)
        if let divisor = reader.number("multipleOf", diagnostics: &diagnostics), let node = reader["multipleOf"] {
            if divisor.decimal?.isPositive == true {
                schema.multipleOf = divisor
            } else {
                diagnostics.error("'multipleOf' must be greater than 0, found \(divisor.text)", at: node.location)
            }
        }
        checkOrder(reader, "minLength", schema.minLength.map(Double.init), "maxLength", schema.maxLength.map(Double.init), diagnostics: &diagnostics)
        checkOrder(reader, "minItems", schema.minItems.map(Double.init), "maxItems", schema.maxItems.map(Double.init), diagnostics: &diagnostics)
        checkOrder(reader, "minimum", schema.minimum?.doubleValue, "maximum", schema.maximum?.doubleValue, diagnostics: &diagnostics)
    }

    private func checkOrder(
        _ reader: MappingReader, _ lowerKey: String, _ lower: Double?, _ upperKey: String, _ upper: Double?,
        diagnostics: inout DiagnosticCollector
    ) {
        guard let lower, let upper, lower > upper, let node = reader[upperKey] else { return }
        diagnostics.error("'\(upperKey)' is less than '\(lowerKey)'", at: node.location)
    }

    /// Reports `keyword` on a schema whose declared types include none of `allowed`.
    private func requireType(
        _ allowed: JSONSchema.JSONType..., for keyword: String, _ reader: MappingReader, _ schema: JSONSchema,
        diagnostics: inout DiagnosticCollector
    ) {
        guard !schema.nonNullTypes.isEmpty, !schema.nonNullTypes.contains(where: allowed.contains), let key = reader.keyNode(keyword) else { return }
        let declared = schema.nonNullTypes.map(\.rawValue).joined(separator: ", ")
        let wanted = allowed.map(\.rawValue).joined(separator: "' or '")
        diagnostics.error("'\(keyword)' applies to type '\(wanted)' but the schema's type is '\(declared)'", at: key.location)
    }

    /// Reports each value (of `const`, `default` or `enum`) that the schema's own types refuse.
    private func checkValueTypes(_ keyword: String, _ reader: MappingReader, _ schema: JSONSchema, diagnostics: inout DiagnosticCollector) {
        guard !schema.nonNullTypes.isEmpty, let node = reader[keyword] else { return }
        let items: [YAMLNode]
        if keyword == "enum" || keyword == "examples", case let .sequence(elements) = node.content {
            items = elements
        } else {
            items = [node]
        }
        for item in items {
            let value = ScalarReader.value(item)
            guard !Self.value(value, fits: schema) else { continue }
            let declared = schema.nonNullTypes.map(\.rawValue).joined(separator: ", ")
            diagnostics.error("'\(keyword)' value \(JSONWriter.string(from: value, order: .received)) is not of the schema's type '\(declared)'", at: item.location)
        }
    }

    private static func value(_ value: JSONValue, fits schema: JSONSchema) -> Bool {
        switch value {
        case .null: schema.allowsNull
        case .bool: schema.types.contains(.boolean)
        case let .number(number) where number.isInteger && number.intValue != nil:
            schema.types.contains(.integer) || schema.types.contains(.number)
        case .number: schema.types.contains(.number)
        case .string: schema.types.contains(.string)
        case .array: schema.types.contains(.array)
        case .object: schema.types.contains(.object)
        }
    }
}
