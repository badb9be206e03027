import SpecKit

/// Writes a spec schema as OpenAPI 3.1's JSON Schema (2020-12) for other tools, which read
/// only standard keywords: titles, descriptions, defaults and `deprecated` are written; a
/// tolerant enum is "one of these strings, or any string" (`anyOf`); a discriminated `oneOf`
/// pins each branch's values at the discriminator's path (with a last branch for any other
/// value), so that a validator finds exactly one branch as the runtime does; a format the
/// runtime checks is also said as a `pattern`, which every validator asserts. (The runtime's
/// own compiled document holds ``JSONSchema/json``, the schema's form without annotations.)
struct JSONSchemaTranslator {
    /// Where `$ref`s point.
    let referencePrefix = "#/components/schemas/"

    /// For an OpenAPI 3.1 document.
    static let openAPI = JSONSchemaTranslator()

    func schema(_ schema: JSONSchema) -> JSONValue {
        // Annotations. `deprecated` tells other tools what the spec deprecates (beside `$ref`
        // too: JSON JSONSchema 2020-12 allows it there).
        var documentation: [(String, JSONValue?)] = [
            ("title", schema.title.map(JSONValue.string)), ("description", schema.description.map(JSONValue.string)), ("default", schema.defaultValue),
        ]
        if schema.isDeprecated {
            documentation.append(("deprecated", .bool(true)))
        }
        if let reference = schema.reference {
            return JSONValue.sortedObject([("$ref", .string(referencePrefix + reference))] + documentation)
        }
        let types = schema.types.map { JSONValue.string($0.rawValue) }
        let typeValue: JSONValue? = types.isEmpty ? nil : (types.count == 1 ? types[0] : .array(types))
        let additional: JSONValue? = switch schema.additionalProperties {
        case let .allowed(flag)?: .bool(flag)
        case let .schema(values)?: self.schema(values)
        case nil: nil
        }
        if let discriminator = schema.discriminator, let branches = schema.branchNames {
            return pinnedChoice(schema, discriminator: discriminator, branches: branches, documentation: documentation)
        }
        var enumeration: [(String, JSONValue?)] = [("enum", schema.enumValues.map(JSONValue.array))]
        if schema.isTolerant {
            enumeration = [("anyOf", .array([JSONValue.sortedObject(enumeration), JSONValue.sortedObject([("type", .string("string"))])]))]
        }
        let properties: JSONValue? = schema.properties.isEmpty ? nil : .sortedObject(schema.properties.map { ($0.name, self.schema($0.schema)) })
        let counts: [(String, JSONValue?)] = [
            ("minLength", schema.minLength.map(JSONValue.integer)), ("maxLength", schema.maxLength.map(JSONValue.integer)),
            ("minItems", schema.minItems.map(JSONValue.integer)), ("maxItems", schema.maxItems.map(JSONValue.integer)),
        ]
        let keywords: [(String, JSONValue?)] = [
            ("type", typeValue),
            ("properties", properties),
            ("required", schema.required.isEmpty ? nil : .array(schema.required.map(JSONValue.string))),
            ("additionalProperties", additional),
            ("items", schema.items.map(self.schema)),
            ("const", schema.constValue),
            ("format", schema.format.map { .string($0.rawValue) } ?? Self.integerWidth(schema)),
            ("pattern", (schema.pattern ?? schema.format.flatMap(Self.formatPattern)).map(JSONValue.string)),
            ("minimum", schema.minimum.map(JSONValue.number)),
            ("maximum", schema.maximum.map(JSONValue.number)),
            ("allOf", schema.allOf.isEmpty ? nil : .array(schema.allOf.map(self.schema))),
            ("anyOf", schema.anyOf.isEmpty ? nil : .array(schema.anyOf.map(self.schema))),
            ("oneOf", schema.oneOf.isEmpty ? nil : .array(schema.oneOf.map(self.schema))),
            ("discriminator", schema.discriminator.map { discriminator($0, mapping: schema.discriminatorMapping ?? [:]) }),
            ("examples", schema.examples.isEmpty ? nil : .array(schema.examples)),
        ]
        return .sortedObject(keywords + counts + enumeration + documentation)
    }

    /// `{"propertyName": …, "mapping": {value: "$ref"}}`, the mapping whole (its implicit
    /// entries written out). OpenAPI's `propertyName` is one property: a dotted path is also
    /// written as `x-propertyPath`, for tools that read it.
    private func discriminator(_ discriminator: JSONSchema.Discriminator, mapping entries: JSONSchema.Discriminator.Mapping) -> JSONValue {
        let mapping = entries.map { ($0.value, JSONValue.string(referencePrefix + $0.schemaName)) }
        return JSONValue.sortedObject([
            ("propertyName", .string(discriminator.propertyPath.joined(separator: "."))),
            ("x-propertyPath", discriminator.propertyPath.count > 1 ? .array(discriminator.propertyPath.map(JSONValue.string)) : nil),
            ("mapping", mapping.isEmpty ? nil : JSONValue.sortedObject(mapping)),
        ])
    }

    /// A discriminated `oneOf` any JSON Schema validator reads as the runtime does: the value
    /// must have a string at the discriminator's path; each branch is its schema with that
    /// string pinned to the branch's values, and a last branch takes any other value (a kind
    /// added after the spec), so exactly one branch matches. The discriminator goes in
    /// `discriminator` when its path is one property (all OpenAPI can say), else in
    /// `x-discriminator` with the path split (`["attributes", "objectType"]`).
    private func pinnedChoice(
        _ schema: JSONSchema, discriminator: JSONSchema.Discriminator, branches: JSONSchema.Discriminator.Mapping, documentation: [(String, JSONValue?)]
    ) -> JSONValue {
        let path = discriminator.propertyPath
        let names = branches.map(\.schemaName).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let allValues = JSONValue.array(branches.map { .string($0.value) })
        let pinnedBranches = names.map { name in
            let values = branches.filter { $0.schemaName == name }.map { JSONValue.string($0.value) }
            let pin = values.count == 1 ? ("const", values[0]) : ("enum", JSONValue.array(values))
            return JSONValue.sortedObject([
                ("allOf", .array([JSONValue.sortedObject([("$ref", .string(referencePrefix + name))]), Self.nested(path, JSONValue.sortedObject([pin]), requiring: false)])),
            ])
        }
        let otherKinds = Self.nested(path, JSONValue.sortedObject([("not", JSONValue.sortedObject([("enum", allValues)]))]), requiring: false)
        let mapping = JSONValue.sortedObject(branches.map { ($0.value, JSONValue.string(referencePrefix + $0.schemaName)) })
        let standard = path.count == 1
        let written = JSONValue.sortedObject([
            ("propertyName", standard ? .string(path[0]) : nil),
            ("propertyPath", standard ? nil : .array(path.map(JSONValue.string))),
            ("mapping", mapping),
        ])
        return JSONValue.sortedObject([
            ("allOf", .array([Self.nested(path, JSONValue.sortedObject([("type", .string("string"))]), requiring: true)])),
            ("oneOf", .array(pinnedBranches + [otherKinds])),
            (standard ? "discriminator" : "x-discriminator", written),
        ] + documentation)
    }

    /// An object schema that holds `leaf` at `path` (each level an object; each key required
    /// when `requiring`).
    private static func nested(_ path: [String], _ leaf: JSONValue, requiring: Bool) -> JSONValue {
        path.reversed().reduce(leaf) { inner, key in
            JSONValue.sortedObject([
                ("type", .string("object")), ("required", requiring ? .array([.string(key)]) : nil),
                ("properties", JSONValue.sortedObject([(key, inner)])),
            ])
        }
    }

    /// For another tool, an integer's width: OpenAPI's `int32` when its bounds fit 32 bits. An
    /// unbounded integer gets no width: `int64` would be a bound (tools test past it) that
    /// neither the validator nor Partner Center states; the Swift models hold it in `Int`.
    private static func integerWidth(_ schema: JSONSchema) -> JSONValue? {
        let range = Double(Int32.min)...Double(Int32.max)
        guard schema.nonNullTypes == [.integer], let minimum = schema.minimum?.doubleValue, let maximum = schema.maximum?.doubleValue,
            range.contains(minimum), range.contains(maximum)
        else { return nil }
        return .string("int32")
    }

    /// For another tool, the pattern that says what a format checked at run time does: JSON
    /// Schema 2020-12 leaves `format` an annotation (validators and generators may ignore it,
    /// and ignore ours), a `pattern` they all assert. Nil for the formats tools know and check
    /// alike (`uri`, `email`). Dates are checked against their month (29 February in leap
    /// years only); a leap second, which only the last minute of a UTC day may have and no
    /// Partner Center value does, is left out.
    private static func formatPattern(_ format: JSONSchema.Format) -> String? {
        let leapYear = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00|0000)"
        let day = "([0-9]{4}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|\(leapYear)-02-29)"
        let date = "\(day)[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?"
        let zone = "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
        return switch format {
        case .uuid: "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
        case .dateTime: "^\(date)\(zone)$"
        case .dateTimeZoneOptional: "^\(date)\(zone)?$"
        case .decimal: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"
        case .uri, .email: nil
        }
    }

}
