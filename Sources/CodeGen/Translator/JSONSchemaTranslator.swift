import SpecKit

/// Writes a spec schema as OpenAPI 3.1's JSON Schema (2020-12) for other tools, which read
/// only standard keywords: titles, descriptions, defaults and `deprecated` are written; a
/// tolerant enum is "one of these strings, or any string" (`anyOf`); a discriminated `oneOf`
/// pins each branch's values at the discriminator's path (with a last branch for any other
/// value), so that a validator finds exactly one branch as the runtime does; a format the
/// runtime checks is also said as a `pattern`, which every validator asserts. The keywords are
/// written by the schema's one writer (``JSONSchema/json(_:)``), whose compiled form the
/// runtime reads; this states only where OpenAPI's spelling differs, so a keyword added to
/// ``JSONSchema`` reaches the export without a change here.
enum JSONSchemaTranslator {
    /// Where `$ref`s point.
    static let referencePrefix = "#/components/schemas/"

    /// The schema's one writer (``JSONSchema/json(_:)``) with `$ref`s into the components, the
    /// annotations (beside `$ref` too: JSON Schema 2020-12 allows them there) and
    /// OpenAPI's spelling of the keywords that have one (``adjust(_:_:)``).
    private static let form = JSONSchema.JSONForm(referencePrefix: referencePrefix, writesAnnotations: true, adjust: adjust)

    /// `schema` as the OpenAPI export writes it.
    static func schema(_ schema: JSONSchema) -> JSONValue {
        schema.json(form)
    }

    /// What other tools read differently from the runtime, at one level of a schema (its nested
    /// schemas are already written): no `nullable` (a `null` among the types says it), an
    /// explicit `additionalProperties: true` kept, a tolerant enum as `anyOf`, a format's
    /// pattern, an integer's width, a discriminator's dotted path split, a discriminated
    /// choice of models pinned.
    private static func adjust(_ schema: JSONSchema, _ members: inout JSONObject) {
        guard schema.reference == nil else { return }
        if let discriminator = schema.discriminator, let branches = schema.branchNames {
            members = pinnedChoice(discriminator: discriminator, branches: branches)
            for (keyword, value) in schema.annotationMembers { members[keyword] = value }
            return
        }
        members["nullable"] = nil
        if schema.additionalProperties == .allowed(true) { members["additionalProperties"] = .bool(true) }
        if schema.isTolerant, let values = members.removeValue(forKey: "enum") {
            members["x-tolerant"] = nil
            members["anyOf"] = .array([.sortedObject([("enum", values)]), .sortedObject([("type", .string("string"))])])
        }
        if members["format"] == nil { members["format"] = integerWidth(schema) }
        if members["pattern"] == nil { members["pattern"] = schema.format.flatMap(formatPattern).map(JSONValue.string) }
        if let path = schema.discriminator?.propertyPath, path.count > 1, case var .object(written)? = members["discriminator"] {
            // OpenAPI's `propertyName` is one property: the dotted path, also split for tools that read it.
            written["x-propertyPath"] = .array(path.map(JSONValue.string))
            members["discriminator"] = .sortedObject(written.map { ($0.key, $0.value) })
        }
    }

    /// A discriminated `oneOf` any JSON Schema validator reads as the runtime does: the value
    /// must have a string at the discriminator's path; each branch is its schema with that
    /// string pinned to the branch's values, and a last branch takes any other value (a kind
    /// added after the spec), so exactly one branch matches. The discriminator goes in
    /// `discriminator` when its path is one property (all OpenAPI can say), else in
    /// `x-discriminator` with the path split (`["attributes", "objectType"]`).
    private static func pinnedChoice(discriminator: JSONSchema.Discriminator, branches: JSONSchema.Discriminator.Mapping) -> JSONObject {
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
        return [
            "allOf": .array([Self.nested(path, JSONValue.sortedObject([("type", .string("string"))]), requiring: true)]),
            "oneOf": .array(pinnedBranches + [otherKinds]),
            standard ? "discriminator" : "x-discriminator": written,
        ]
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
