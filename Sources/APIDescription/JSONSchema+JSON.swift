import JSONValues

// A schema's JSON form in the compiled document: the one key contract between the generator,
// which writes it, and the runtime, which reads it (the round-trip test checks both ways).

/// Why a schema document could not be read, and where in it.
public struct JSONSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The JSON pointer of the offending part of the schema document (`""` is the root).
    public let pointer: String
    /// What is wrong, e.g. `unknown keyword 'propertes'`.
    public let message: String

    /// Creates an error at `pointer`.
    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    /// `invalid schema at /Customer/properties/id: unknown keyword 'foo'`.
    public var description: String { "invalid schema at \(pointer.isEmpty ? "/" : pointer): \(message)" }
}

extension JSONSchema {
    /// The deepest nesting of schemas ``init(json:)`` accepts.
    public static let maximumDecodingDepth = 256

    /// Reads a schema from the JSON form of the compiled document.
    ///
    /// Keywords: `$ref` (`#/schemas/NAME`), `type` (a name or an array of names, may
    /// include `"null"`), `nullable`, `properties`, `required`, `additionalProperties`
    /// (boolean or schema), `items`, `enum`, `x-tolerant`, `const`, `format` (`uuid`,
    /// `date-time`, `uri`, `email`), `minLength`, `maxLength`, `pattern`, `minimum`,
    /// `maximum`, `multipleOf`, `minItems`, `maxItems`, `allOf`, `anyOf`, `oneOf` (non-empty arrays of
    /// schemas) and `discriminator` (beside `oneOf`: `{"propertyName": "attributes.objectType",
    /// "mapping": {"LicenseBased": "#/schemas/LicenseBasedLineItem"}}`, the mapping optional);
    /// the schema ``Annotations`` (`title`, `description`, `deprecated`) and `default`.
    ///
    /// - Parameter json: A JSON object.
    /// - Throws: ``JSONSchemaError`` for an unknown keyword (the document comes from
    ///   another generator version), a keyword with a value of the wrong kind, a
    ///   `discriminator` without `oneOf`, or nesting deeper than ``maximumDecodingDepth``.
    public init(json: JSONValue) throws(JSONSchemaError) {
        var decoder = SchemaDecoder(path: [])
        self = try decoder.schema(from: json, depth: 0)
    }

    /// Reads a schema whose errors are reported under `path` (for a registry's entries).
    package init(json: JSONValue, path: [String]) throws(JSONSchemaError) {
        var decoder = SchemaDecoder(path: path)
        self = try decoder.schema(from: json, depth: 0)
    }
}

// MARK: - Writing (what the reader above reads back)

extension JSONSchema {
    /// How ``json(_:)`` writes schemas: the compiled document's form (``compiled``), or
    /// another document's, such as the OpenAPI export's.
    public struct JSONForm: Sendable {
        /// What a `$ref` (and a discriminator's mapping target) is written as, before the name.
        public var referencePrefix: String
        /// Whether the ``Annotations`` and `default` are written.
        public var writesAnnotations: Bool
        /// A last change to each schema's members, once its nested schemas are written in this
        /// form: another document's spelling of a keyword.
        public var adjust: (@Sendable (_ schema: JSONSchema, _ members: inout JSONObject) -> Void)?

        public init(
            referencePrefix: String, writesAnnotations: Bool,
            adjust: (@Sendable (_ schema: JSONSchema, _ members: inout JSONObject) -> Void)? = nil
        ) {
            self.referencePrefix = referencePrefix
            self.writesAnnotations = writesAnnotations
            self.adjust = adjust
        }

        /// The compiled document's form: ``JSONSchema/constraints`` only, `$ref`s to `#/schemas/NAME`.
        public static let compiled = JSONForm(referencePrefix: "#/schemas/", writesAnnotations: false)

        /// `$ref`'s value for the named schema `name`, escaped as a JSON pointer token.
        func reference(_ name: String) -> JSONValue {
            .string(referencePrefix + JSONPointer.escape(name))
        }
    }

    /// The schema's JSON form in the compiled document: its ``constraints``, which
    /// ``init(json:)`` reads back, a discriminator's mapping whole (``discriminatorMapping``).
    /// The generator writes it; the keys are those ``init(json:)`` documents, in sorted order,
    /// and only those with a value (`additionalProperties: true`, the default, is left out).
    public var json: JSONValue { json(.compiled) }

    /// The schema's JSON form in `form`: each keyword that has a value (the annotations too
    /// when the form writes them), keys sorted, nested schemas in the same form.
    public func json(_ form: JSONForm) -> JSONValue {
        var members = JSONObject()
        if let reference { members["$ref"] = form.reference(reference) }
        switch types.count {
        case 0: break
        case 1: members["type"] = .string(types[0].rawValue)
        default: members["type"] = .array(types.map { .string($0.rawValue) })
        }
        if nullable { members["nullable"] = .bool(true) }
        if !properties.isEmpty {
            members["properties"] = .object(JSONObject(Dictionary(properties.map { ($0.name, $0.schema.json(form)) }) { first, _ in first }))
        }
        if !required.isEmpty { members["required"] = .array(required.map(JSONValue.string)) }
        switch additionalProperties {
        case .allowed(true)?, nil: break
        case .allowed(false)?: members["additionalProperties"] = .bool(false)
        case let .schema(values)?: members["additionalProperties"] = values.json(form)
        }
        if let items { members["items"] = items.json(form) }
        if let enumValues { members["enum"] = .array(enumValues) }
        if isTolerant { members["x-tolerant"] = .bool(true) }
        if let constValue { members["const"] = constValue }
        if !examples.isEmpty { members["examples"] = .array(examples) }
        if let format { members["format"] = .string(format.rawValue) }
        if let pattern { members["pattern"] = .string(pattern) }
        let counts = [("minLength", minLength), ("maxLength", maxLength), ("minItems", minItems), ("maxItems", maxItems)]
        for case let (keyword, count?) in counts { members[keyword] = .integer(count) }
        if let minimum { members["minimum"] = .number(minimum) }
        if let maximum { members["maximum"] = .number(maximum) }
        if let multipleOf { members["multipleOf"] = .number(multipleOf) }
        for (keyword, schemas) in [("allOf", allOf), ("anyOf", anyOf), ("oneOf", oneOf)] where !schemas.isEmpty {
            members[keyword] = .array(schemas.map { $0.json(form) })
        }
        if let discriminator { members["discriminator"] = discriminator.json(mapping: discriminatorMapping ?? discriminator.mapping, form: form) }
        if form.writesAnnotations {
            for (keyword, value) in annotationMembers { members[keyword] = value }
        }
        form.adjust?(self, &members)
        return .object(JSONObject(uniqueMembers: members.sorted { $0.key < $1.key }))
    }

    /// The ``annotations`` and `default` by keyword, nil where the schema has none.
    package var annotationMembers: [(keyword: String, value: JSONValue?)] {
        annotations.members + [("default", defaultValue)]
    }
}

extension JSONSchema.Discriminator {
    /// `{"propertyName": "attributes.objectType", "mapping": {VALUE: "#/schemas/NAME"}}`, the
    /// mapping left out when empty.
    func json(mapping: Mapping, form: JSONSchema.JSONForm) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if !mapping.isEmpty {
            let references = Dictionary(mapping.map { ($0.value, form.reference($0.schemaName)) }) { first, _ in first }
            members.append(("mapping", .object(JSONObject(references))))
        }
        members.append(("propertyName", .string(propertyPath.joined(separator: "."))))
        return .object(JSONObject(members))
    }
}

// MARK: - Reading

/// Reads the JSON form of a schema, keeping the path for error pointers.
private struct SchemaDecoder {
    var path: [String]

    mutating func schema(from json: JSONValue, depth: Int) throws(JSONSchemaError) -> JSONSchema {
        guard depth < JSONSchema.maximumDecodingDepth else {
            throw fail("schemas nested deeper than \(JSONSchema.maximumDecodingDepth) levels")
        }
        guard case let .object(members) = json else { throw fail("a schema must be an object, got \(json.typeName)") }
        var schema = JSONSchema()
        for key in members.keys.sorted() {
            guard let value = members[key] else { continue }
            path.append(key)
            try read(keyword: key, value: value, into: &schema, depth: depth)
            path.removeLast()
        }
        if schema.discriminator != nil, schema.oneOf.isEmpty {
            path.append("discriminator")
            throw fail("'discriminator' needs 'oneOf' beside it")
        }
        return schema
    }

    private mutating func read(
        keyword: String, value: JSONValue, into schema: inout JSONSchema, depth: Int
    ) throws(JSONSchemaError) {
        switch keyword {
        case "$ref": schema.reference = try reference(value, "'$ref'")
        case "type": schema.types = try types(value)
        case "nullable": schema.nullable = try bool(value, keyword)
        case "properties": schema.properties = try properties(value, depth: depth)
        case "required": schema.required = try strings(value, keyword)
        case "additionalProperties":
            if case let .bool(flag) = value {
                schema.additionalProperties = .allowed(flag)
            } else {
                schema.additionalProperties = .schema(try self.schema(from: value, depth: depth + 1))
            }
        case "items": schema.items = try self.schema(from: value, depth: depth + 1)
        case "enum":
            guard case let .array(values) = value else { throw fail("'enum' must be an array") }
            schema.enumValues = values
        case "x-tolerant": schema.isTolerant = try bool(value, keyword)
        case "const": schema.constValue = value
        case "examples":
            guard case let .array(values) = value else { throw fail("'examples' must be an array") }
            schema.examples = values
        case "format":
            guard case let .string(name) = value else { throw fail("'format' must be a string") }
            guard let format = JSONSchema.Format(rawValue: name) else { throw fail("unknown format '\(name)'") }
            schema.format = format
        case "minLength": schema.minLength = try count(value, keyword)
        case "maxLength": schema.maxLength = try count(value, keyword)
        case "minItems": schema.minItems = try count(value, keyword)
        case "maxItems": schema.maxItems = try count(value, keyword)
        case "pattern":
            guard case let .string(pattern) = value else { throw fail("'pattern' must be a string") }
            schema.pattern = pattern
        case "minimum": schema.minimum = try number(value, keyword)
        case "maximum": schema.maximum = try number(value, keyword)
        case "multipleOf":
            let divisor = try number(value, keyword)
            guard divisor.decimal?.isPositive == true else { throw fail("'multipleOf' must be greater than 0") }
            schema.multipleOf = divisor
        case "allOf": schema.allOf = try schemas(value, keyword, depth: depth)
        case "anyOf": schema.anyOf = try schemas(value, keyword, depth: depth)
        case "oneOf": schema.oneOf = try schemas(value, keyword, depth: depth)
        case "discriminator": schema.discriminator = try discriminator(value)
        case "default": schema.defaultValue = value
        default:
            guard let annotation = Annotations.Keyword(rawValue: keyword), annotation.applies(to: .schema) else {
                throw fail("unknown keyword '\(keyword)'")
            }
            guard schema.annotations.set(annotation, to: value) else {
                throw fail("'\(keyword)' must be \(annotation.kind == .flag ? "a boolean" : "a string")")
            }
        }
    }

    private mutating func properties(_ value: JSONValue, depth: Int) throws(JSONSchemaError) -> JSONSchema.Properties {
        guard case let .object(members) = value else { throw fail("'properties' must be an object") }
        var properties: JSONSchema.Properties = [:]
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            path.append(name)
            properties[name] = try schema(from: member, depth: depth + 1)
            path.removeLast()
        }
        return properties
    }

    private mutating func schemas(_ value: JSONValue, _ keyword: String, depth: Int) throws(JSONSchemaError) -> [JSONSchema] {
        guard case let .array(items) = value, !items.isEmpty else { throw fail("'\(keyword)' must be a non-empty array of schemas") }
        var schemas: [JSONSchema] = []
        for (position, item) in items.enumerated() {
            path.append(String(position))
            schemas.append(try schema(from: item, depth: depth + 1))
            path.removeLast()
        }
        return schemas
    }

    private mutating func discriminator(_ value: JSONValue) throws(JSONSchemaError) -> JSONSchema.Discriminator {
        guard case let .object(members) = value else { throw fail("'discriminator' must be an object") }
        guard members["propertyName"] != nil else { throw fail("'discriminator' needs a 'propertyName'") }
        var discriminator = JSONSchema.Discriminator(propertyPath: [])
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            path.append(key)
            switch key {
            case "propertyName":
                let segments = member.stringValue?.split(separator: ".", omittingEmptySubsequences: false) ?? []
                guard !segments.isEmpty, !segments.contains(where: \.isEmpty) else {
                    throw fail("'propertyName' must be a property name or a dotted path of them, such as 'attributes.objectType'")
                }
                discriminator.propertyPath = segments.map(String.init)
            case "mapping":
                discriminator.mapping = try mapping(member)
            default:
                throw fail("unknown discriminator member '\(key)'")
            }
            path.removeLast()
        }
        return discriminator
    }

    private mutating func mapping(_ value: JSONValue) throws(JSONSchemaError) -> JSONSchema.Discriminator.Mapping {
        guard case let .object(members) = value else { throw fail("'mapping' must be an object") }
        var kinds: [JSONSchema.Discriminator.Kind] = []
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            path.append(key)
            kinds.append(.init(value: key, schemaName: try reference(member, "a 'mapping' value")))
            path.removeLast()
        }
        return JSONSchema.Discriminator.Mapping(kinds)
    }

    private func types(_ value: JSONValue) throws(JSONSchemaError) -> [JSONSchema.JSONType] {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case let .array(items) where !items.isEmpty: names = items
        default: throw fail("'type' must be a string or a non-empty array of strings")
        }
        var types: [JSONSchema.JSONType] = []
        for name in names {
            guard case let .string(text) = name else { throw fail("'type' must be a string or a non-empty array of strings") }
            guard let type = JSONSchema.JSONType(rawValue: text) else { throw fail("unknown type '\(text)'") }
            guard !types.contains(type) else { throw fail("type '\(text)' is listed twice") }
            types.append(type)
        }
        return types
    }

    /// The name in `#/schemas/NAME`; `what` names the value in the error (`'$ref'`).
    private func reference(_ value: JSONValue, _ what: String) throws(JSONSchemaError) -> String {
        let prefix = "#/schemas/"
        guard case let .string(text) = value, text.hasPrefix(prefix), text.count > prefix.count else {
            throw fail("\(what) must have the form '#/schemas/NAME'")
        }
        return JSONPointer.unescape(String(text.dropFirst(prefix.count)))
    }

    private func bool(_ value: JSONValue, _ keyword: String) throws(JSONSchemaError) -> Bool {
        guard case let .bool(flag) = value else { throw fail("'\(keyword)' must be a boolean") }
        return flag
    }

    private func strings(_ value: JSONValue, _ keyword: String) throws(JSONSchemaError) -> [String] {
        guard case let .array(items) = value else { throw fail("'\(keyword)' must be an array of strings") }
        var strings: [String] = []
        for item in items {
            guard case let .string(text) = item else { throw fail("'\(keyword)' must be an array of strings") }
            strings.append(text)
        }
        return strings
    }

    private func count(_ value: JSONValue, _ keyword: String) throws(JSONSchemaError) -> Int {
        guard case let .number(number) = value, let decimal = number.decimal, decimal.isIntegral, !decimal.isNegative,
              let count = number.intValue
        else { throw fail("'\(keyword)' must be a non-negative integer") }
        return count
    }

    private func number(_ value: JSONValue, _ keyword: String) throws(JSONSchemaError) -> JSONNumber {
        guard case let .number(number) = value, number.decimal != nil else { throw fail("'\(keyword)' must be a number") }
        return number
    }

    private func fail(_ message: String) -> JSONSchemaError {
        JSONSchemaError(pointer: JSONPointer.render(path), message: message)
    }
}
