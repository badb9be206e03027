import APIRuntime
import Foundation

/// Values made from a JSON Schema of the spec: what the stub answers for an operation it has no
/// behaviour of its own for, and what a test sends as a body or a parameter.
///
/// The same schema and seed always give the same value. A schema's `examples` come first (one of
/// them, in turn); else formats, enums, `const`, lengths,
/// ranges, item counts, `allOf`, `oneOf` with its discriminator (the kinds its mapping names
/// in turn, so that a list shows several, each with the discriminator set) and `$ref`s are
/// respected; optional properties are filled in near the top and left out deeper down or
/// where they would recurse. Every value
/// is checked with ``SchemaValidator`` before it is returned, so what cannot be made (a
/// `pattern` no plain value matches) is an error, never a wrong answer.
public struct SchemaExample {
    /// A value that breaks the schema it was made for.
    public struct Failure: Error, CustomStringConvertible {
        public var violations: [SchemaViolation]
        public var description: String {
            "no value of the schema could be made: " + violations.map(\.description).joined(separator: "; ")
        }
    }

    private let registry: SchemaRegistry
    private var random: SplitMix64
    /// How many discriminated values were made: each takes the next kind, so that a list
    /// (invoice line items) shows several.
    private var kindsMade = 0
    /// Optional members are filled in down to this depth.
    private static let optionalDepth = 3
    /// What a link's `uri` points at (the stub's own path of the resource), when known.
    private let linkPath: String?

    /// - Parameters:
    ///   - registry: The spec's schemas, for `$ref`s.
    ///   - seed: Any text (an operation id, a path): the same text gives the same values.
    ///   - linkPath: What a link's `uri` points at: the path of the resource answered.
    public init(registry: SchemaRegistry, seed: String, linkPath: String? = nil) {
        self.registry = registry
        self.linkPath = linkPath
        // FNV-1a of the seed text.
        let hash = seed.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
        random = SplitMix64(seed: hash)
    }

    /// A value `schema` accepts.
    /// - Parameter hint: A name for the value (its property's), which plain strings are made from.
    /// - Throws: ``Failure`` when the value made breaks the schema.
    public mutating func value(for schema: JSONSchema, hint: String = "value") throws(Failure) -> JSONValue {
        let value = make(schema, hint: hint, depth: 0, visiting: [])
        let violations = SchemaValidator(registry: registry).validate(value, against: schema)
        guard violations.isEmpty else { throw Failure(violations: violations) }
        return value
    }

    /// A value of the named schema.
    /// - Throws: ``Failure`` when the value made breaks the schema, or there is no such schema.
    public mutating func value(forSchemaNamed name: String) throws(Failure) -> JSONValue {
        guard registry[name] != nil else {
            throw Failure(violations: [SchemaViolation(pointer: "", message: "the spec has no schema \(name)")])
        }
        var reference = JSONSchema()
        reference.reference = name
        return try value(for: reference, hint: name)
    }

    // MARK: - Making

    private mutating func make(_ schema: JSONSchema, hint: String, depth: Int, visiting: Set<String>) -> JSONValue {
        if let reference = schema.reference, let target = registry[reference] {
            let value = make(target, hint: hint, depth: depth, visiting: visiting.union([reference]))
            return naming(value, kind: reference, schema: target)
        }
        if let constant = schema.constValue { return constant }
        // The spec's own examples (the service's published values), in turn.
        if !schema.examples.isEmpty { return schema.examples[Int(random.next() % UInt64(schema.examples.count))] }
        // A value that says something: not `null`, nor a placeholder such as `none` or `unknown`.
        if let values = schema.enumValues,
            let first = values.first(where: { !["none", "unknown", "unknownfuturevalue"].contains($0.stringValue?.lowercased() ?? "null") })
                ?? values.first(where: { $0 != .null }) ?? values.first
        {
            return first
        }
        if let discriminator = schema.discriminator, !schema.oneOf.isEmpty {
            return discriminated(schema, discriminator, hint: hint, depth: depth, visiting: visiting)
        }
        if let branch = schema.oneOf.first ?? schema.anyOf.first {
            return merging(make(branch, hint: hint, depth: depth, visiting: visiting), own: schema, hint: hint, depth: depth, visiting: visiting)
        }
        if !schema.allOf.isEmpty {
            let parts = schema.allOf.map { make($0, hint: hint, depth: depth, visiting: visiting) }
            let merged = parts.reduce(JSONValue.object([:])) { Self.merge($0, $1) }
            return merging(merged, own: schema, hint: hint, depth: depth, visiting: visiting)
        }
        return plain(schema, hint: hint, depth: depth, visiting: visiting)
    }

    /// The kinds the discriminator's mapping names, in turn (a list shows several), each with
    /// its discriminator property set to that kind's value.
    private mutating func discriminated(
        _ schema: JSONSchema, _ discriminator: JSONSchema.Discriminator, hint: String, depth: Int, visiting: Set<String>
    ) -> JSONValue {
        let kinds = discriminator.mapping.sorted { $0.value < $1.value }.map { (value: $0.value, schema: $0.schemaName) }
        defer { kindsMade += 1 }
        guard !kinds.isEmpty, case let kind = kinds[kindsMade % kinds.count], let branch = registry[kind.schema] else {
            return make(schema.oneOf[0], hint: hint, depth: depth, visiting: visiting)
        }
        let value = make(branch, hint: hint, depth: depth, visiting: visiting.union([kind.schema]))
        return Self.setting(.string(kind.value), at: discriminator.propertyPath[...], in: value)
    }

    /// `value` with its `attributes.objectType` set to the kind of resource it is (the named
    /// schema it was made from; `Collection` for a collection, as Partner Center writes), where
    /// the schema lets that member be any string.
    private func naming(_ value: JSONValue, kind: String, schema: JSONSchema) -> JSONValue {
        guard value["attributes"]?["objectType"]?.stringValue != nil else { return value }
        let parts = [schema] + schema.allOf.map { $0.reference.flatMap { registry[$0] } ?? $0 }
        guard let attributes = parts.lazy.compactMap({ $0.properties["attributes"] }).first else { return value }
        let resolved = attributes.reference.flatMap { registry[$0] } ?? attributes
        guard let objectType = resolved.properties["objectType"], objectType.constValue == nil, objectType.enumValues == nil,
            objectType.pattern == nil, objectType.reference == nil
        else { return value }
        let name = kind.hasSuffix("Collection") ? "Collection" : kind
        return Self.setting(.string(name), at: ["attributes", "objectType"], in: value)
    }

    /// `value` with the object members `schema` declares itself beside its composition.
    private mutating func merging(_ value: JSONValue, own schema: JSONSchema, hint: String, depth: Int, visiting: Set<String>) -> JSONValue {
        guard !schema.properties.isEmpty else { return value }
        var own = schema
        own.allOf = []
        own.anyOf = []
        own.oneOf = []
        return Self.merge(value, plain(own, hint: hint, depth: depth, visiting: visiting))
    }

    private mutating func plain(_ schema: JSONSchema, hint: String, depth: Int, visiting: Set<String>) -> JSONValue {
        let type = schema.types.first { $0 != .null }
            ?? (schema.properties.isEmpty ? (schema.items != nil ? .array : (schema.types.contains(.null) ? .null : .string)) : .object)
        switch type {
        case .null: return .null
        case .boolean: return .bool(true)
        case .integer: return Self.multiple(of: schema, from: Double(integer(in: schema))) ?? .integer(integer(in: schema))
        case .number: return Self.multiple(of: schema, from: number(in: schema)) ?? .double(number(in: schema))
        case .string: return .string(string(schema, hint: hint))
        case .array:
            let wanted = depth < Self.optionalDepth ? 2 : 0
            let count = min(max(schema.minItems ?? 0, wanted), schema.maxItems ?? .max)
            let items = schema.items ?? JSONSchema()
            if count > (schema.minItems ?? 0), let reference = items.reference, visiting.contains(reference) {
                return .array((0..<(schema.minItems ?? 0)).map { _ in make(items, hint: hint, depth: depth + 1, visiting: visiting) })
            }
            return .array((0..<count).map { _ in make(items, hint: Self.singular(hint), depth: depth + 1, visiting: visiting) })
        case .object:
            var members = JSONObject()
            for (name, property) in schema.properties.sorted(by: { $0.name < $1.name }).map({ ($0.name, $0.schema) }) {
                let required = schema.required.contains(name)
                if !required {
                    guard depth < Self.optionalDepth else { continue }
                    if let reference = property.reference, visiting.contains(reference) { continue }
                }
                members[name] = make(property, hint: name, depth: depth + 1, visiting: visiting)
            }
            return .object(members)
        }
    }

    private func integer(in schema: JSONSchema) -> Int {
        let low = schema.minimum?.doubleValue.map { Int($0.rounded(.up)) } ?? 1
        let high = schema.maximum?.doubleValue.map { Int($0.rounded(.down)) } ?? max(low, 10)
        return min(max(low, min(10, high)), high)
    }

    /// For a schema with `multipleOf`: the first multiple of it at or above `start` (a value in
    /// the schema's range), or the last one within its maximum, written exactly (`0.3`, not
    /// `0.30000000000000004`); nil without one.
    private static func multiple(of schema: JSONSchema, from start: Double) -> JSONValue? {
        guard let divisor = schema.multipleOf, let step = Decimal(string: divisor.text), let stepValue = divisor.doubleValue, stepValue > 0 else {
            return nil
        }
        var count = (start / stepValue).rounded(.up)
        if let maximum = schema.maximum?.doubleValue, count * stepValue > maximum { count = (maximum / stepValue).rounded(.down) }
        // A step too small to count to the range in (`1e-300`): 0, a multiple of any number, when allowed.
        guard abs(count) < 1e15 else {
            return (schema.minimum?.doubleValue ?? 0) <= 0 && (schema.maximum?.doubleValue ?? 0) >= 0 ? .integer(0) : nil
        }
        return JSONNumber(validating: "\(Decimal(Int(count)) * step)").map(JSONValue.number)
    }

    private func number(in schema: JSONSchema) -> Double {
        let low = schema.minimum?.doubleValue ?? 0
        let high = schema.maximum?.doubleValue ?? max(low, 100)
        return min(max(low, min(12.5, high)), high)
    }

    private mutating func string(_ schema: JSONSchema, hint: String) -> String {
        var text: String
        switch schema.format {
        case .uuid: text = random.uuid()
        case .dateTime: text = "2026-0\(1 + random.next() % 9)-1\(random.next() % 10)T10:00:00Z"
        case .dateTimeZoneOptional: text = "2026-0\(1 + random.next() % 9)-1\(random.next() % 10)T10:00:00"
        case .decimal: text = "\(random.next() % 100).50"
        case .uri: text = "https://example.com/\(Self.word(hint))"
        case .email: text = "\(Self.word(hint))@contoso.onmicrosoft.com"
        case nil: text = BelievableText.text(for: hint, linkPath: linkPath, random: &random) ?? "\(Self.word(hint))-\(random.next() % 1000)"
        }
        if let pattern = schema.pattern, let fitting = Self.matching(pattern, candidates: [text] + Self.patternCandidates(hint)) {
            text = fitting
        }
        if let minimum = schema.minLength, text.unicodeScalars.count < minimum {
            text += String(repeating: "x", count: minimum - text.unicodeScalars.count)
        }
        if let maximum = schema.maxLength, text.unicodeScalars.count > maximum {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximum)))
        }
        return text
    }

    // MARK: - Helpers

    /// Strings of the shapes patterns usually ask for: dates, times, digits, codes, ids.
    private static func patternCandidates(_ hint: String) -> [String] {
        [
            "2026-01-15", "2026-01-15T10:00:00Z", "2026-01", "10:00:00", "12345", "1", "0", "US", "USD", "en-US", "A1B2C3",
            "6c4b2d3e-0a47-4f54-9b8a-3d2e1f0a9b8c", word(hint), "\(word(hint)).example.com", "value",
        ]
    }

    /// The first candidate `pattern` (a search, as JSON Schema's) finds a match in.
    private static func matching(_ pattern: String, candidates: [String]) -> String? {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        return candidates.first { candidate in
            expression.firstMatch(in: candidate, range: NSRange(candidate.startIndex..., in: candidate)) != nil
        }
    }

    /// The letters and digits of `hint`, or `value`.
    private static func word(_ hint: String) -> String {
        let word = String(hint.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        return word.isEmpty ? "value" : word
    }

    /// `items` → `item`, for the hint of an array's elements.
    private static func singular(_ hint: String) -> String {
        hint.hasSuffix("s") && hint.count > 1 ? String(hint.dropLast()) : hint
    }

    /// The members of both objects (the right one's win); a non-object is replaced.
    private static func merge(_ left: JSONValue, _ right: JSONValue) -> JSONValue {
        guard case let .object(first) = left, case let .object(second) = right else { return right }
        return .object(first.merging(second) { old, new in merge(old, new) })
    }

    /// `value` with `newValue` at the member path `path` (objects created on the way).
    private static func setting(_ newValue: JSONValue, at path: ArraySlice<String>, in value: JSONValue) -> JSONValue {
        guard let key = path.first else { return newValue }
        var members = value.objectValue ?? [:]
        members[key] = setting(newValue, at: path.dropFirst(), in: members[key] ?? .object([:]))
        return .object(members)
    }
}
