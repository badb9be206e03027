import TestSupport

/// Random specs for `CompilePropertyTests`: valid by construction, spread over the format's
/// keywords, with hostile names wherever the format allows any string.
///
/// Everything is drawn from one `SplitMix64` seeded by the caller, and nothing else (no
/// dictionary order, no standard-library random algorithms), so a seed always gives the same
/// spec text.
struct RandomSpec {
    /// The spec text (YAML) for `seed`.
    static func text(seed: UInt64) -> String {
        var generator = RandomSpec(random: SplitMix64(state: seed))
        return generator.build().yamlDocument
    }

    enum Kind { case object, enumeration, alias, allOf, discriminated, anyOf, oneOf }

    var random: SplitMix64
    var api = ""
    /// The regular schemas' names and kinds, by index. A `$ref` held by value (a required
    /// property, an `allOf` base, a direct alias, a `oneOf` branch) only points at a lower
    /// index, so no cycle is invalid; every other `$ref` may point anywhere (recursion).
    var names: [String] = []
    var kinds: [Kind] = []
    /// Schemas added for paged operations, after the regular ones.
    var pageSchemas: [(String, YAML)] = []

    init(random: SplitMix64) {
        self.random = random
    }

    // MARK: - Spec

    mutating func build() -> YAML {
        api = pick(Self.apiNames)
        var top: [(String, YAML)] = [("api", .text(api))]
        if chance(0.5) { top.append(("title", .text(pick(Self.descriptionPool)))) }
        if chance(0.3) { top.append(("description", .text(pick(Self.descriptionPool)))) }
        var servers: [(String, YAML)] = [("default", .text("https://api.example.com/v1/"))]
        if chance(0.4) { servers.append((pick(["china", "self", "default-2", "Type", "有"]), .text("http://127.0.0.1:1"))) }
        top.append(("servers", .map(servers)))
        top.append(("auth", .text(pick(["bearer", "none"]))))
        if chance(0.5) { top.append(("headers", sharedHeaders())) }

        let count = int(4...8)
        // Also the names of the client and of its compiled spec, which models must avoid.
        names = distinct(Self.schemaNamePool + [api + "Client", api + "CompiledSpec"], count: count)
        kinds = (0..<count).map { _ in .object }
        for index in 2..<count {
            kinds[index] = weighted([
                (35, .object), (15, .enumeration), (12, .alias), (12, .allOf), (12, .discriminated), (7, .anyOf), (7, .oneOf),
            ])
        }
        var schemas: [(String, YAML)] = []
        for index in 0..<count {
            schemas.append((names[index], namedSchema(index)))
        }

        var operations: [(String, YAML)] = []
        for id in distinct(Self.operationIDPool, count: int(3...6)) {
            operations.append((id, operation()))
        }
        top.append(("operations", .map(operations)))
        top.append(("schemas", .map(schemas + pageSchemas)))
        return .map(top)
    }

    mutating func sharedHeaders() -> YAML {
        var headers: [(String, YAML)] = []
        for name in distinct(["Accept", "X-Locale", "MS-RequestId", "MS-CorrelationId", "X'Q"], count: int(1...3)) {
            switch int(0...2) {
            case 0: headers.append((name, .map([("value", .text("a\"b\\c"))])))
            case 1: headers.append((name, .map([("default", .text("en-US")), ("description", .text(pick(Self.descriptionPool)))])))
            default: headers.append((name, .map([("generate", .text("uuid")), ("per", .text(pick(["call", "client"])))])))
            }
        }
        return .map(headers)
    }

    // MARK: - Named schemas

    func indices(where predicate: (Kind) -> Bool, below limit: Int) -> [Int] {
        (0..<limit).filter { predicate(kinds[$0]) }
    }

    mutating func namedSchema(_ index: Int) -> YAML {
        var entries: [(String, YAML)] = []
        if chance(0.3) { entries.append(("description", .text(pick(Self.descriptionPool)))) }
        let objectLike = indices(where: { $0 == .object || $0 == .allOf }, below: index)
        switch kinds[index] {
        case .object:
            return .map(entries + objectEntries(owner: index, depth: 0))
        case .enumeration:
            return .map(entries + enumEntries())
        case .alias:
            switch int(0...4) {
            // Aliases that are arrays or maps of one another are refused by the loader (a Swift
            // type alias cannot contain itself; corpus case 51): an alias's elements refer
            // only to earlier aliases.
            case 0: return .map(entries + [("type", .text("array")), ("items", itemSchema(owner: index, depth: 1, aliasesBefore: index))])
            case 1: return .map(entries + [("type", .text("object")), ("additionalProperties", itemSchema(owner: index, depth: 1, aliasesBefore: index))])
            case 2: return .map(entries + [("type", .text("string")), ("format", .text(pick(Self.formats)))])
            case 3: return .map(entries + [("type", .list([.text("integer"), .text("string")]))])
            default: return ref(names[int(0...(index - 1))])
            }
        case .allOf:
            guard let base = objectLike.isEmpty ? nil : pick(objectLike) else { return .map(entries + objectEntries(owner: index, depth: 0)) }
            var branches: [YAML] = [ref(names[base])]
            if objectLike.count > 1, chance(0.3) { branches.append(ref(names[pick(objectLike)])) }
            branches.append(.map(objectEntries(owner: index, depth: 1)))
            if chance(0.3) { entries.append(("type", .text("object"))) }
            return .map(entries + [("allOf", .list(branches))])
        case .discriminated:
            guard !objectLike.isEmpty else { return .map(entries + enumEntries()) }
            let branches = distinct(objectLike, count: int(1...min(3, objectLike.count)))
            var discriminator: [(String, YAML)] = [("propertyName", .text(pick(["kind", "attributes.objectType", "default", "@type", "self.Type", "名前"])))]
            if chance(0.6) {
                let values = distinct(Self.enumValuePool + branches.map { names[$0] }, count: int(1...3))
                discriminator.append(("mapping", .map(values.map { ($0, .text("#/schemas/" + names[pick(branches)])) })))
            }
            return .map(entries + [("oneOf", .list(branches.map { ref(names[$0]) })), ("discriminator", .map(discriminator))])
        case .anyOf, .oneOf:
            let keyword = kinds[index] == .anyOf ? "anyOf" : "oneOf"
            let branches = (0..<int(1...3)).map { _ in
                chance(0.5) ? ref(names[int(0...(index - 1))]) : primitive()
            }
            return .map(entries + [(keyword, .list(branches))])
        }
    }

    /// `type: object` (or no type), properties, required and additionalProperties.
    ///
    mutating func objectEntries(owner: Int, depth: Int) -> [(String, YAML)] {
        var entries: [(String, YAML)] = []
        if chance(0.7) { entries.append(("type", chance(0.1) ? .list([.text("object"), .text("null")]) : .text("object"))) }
        let propertyNames = distinct(Self.propertyNamePool, count: int(1...(depth == 0 ? 5 : 3)))
        var properties: [(String, YAML)] = []
        var required: [YAML] = []
        for name in propertyNames {
            let isRequired = chance(0.4)
            if isRequired { required.append(.text(name)) }
            var schema = propertySchema(owner: owner, depth: depth, required: isRequired)
            if chance(0.1), case let .map(keywords) = schema { schema = .map(keywords + [("deprecated", .bool(true))]) }
            properties.append((name, schema))
        }
        entries.append(("properties", .map(properties)))
        if !required.isEmpty { entries.append(("required", .list(required))) }
        switch int(0...5) {
        case 0: entries.append(("additionalProperties", .bool(false)))
        case 1: entries.append(("additionalProperties", .bool(true)))
        case 2: entries.append(("additionalProperties", primitive()))
        default: break
        }
        return entries
    }

    mutating func enumEntries() -> [(String, YAML)] {
        if chance(0.15) {
            return [("type", .text("integer")), ("enum", .list(distinct([1, 2, 3, 10, -1], count: int(1...3)).map(YAML.integer)))]
        }
        let values = distinct(Self.enumValuePool, count: int(1...5))
        var entries: [(String, YAML)] = []
        if chance(0.6) { entries.append(("type", .text("string"))) }
        entries.append(("enum", .list(values.map(YAML.text))))
        if chance(0.5) { entries.append(("tolerant", .bool(true))) }
        return entries
    }

    // MARK: - Property schemas

    /// A property's schema. A required one only refers by value to earlier schemas.
    mutating func propertySchema(owner: Int, depth: Int, required: Bool) -> YAML {
        let earlier = owner > 0 ? Array(0..<owner) : []
        switch int(0...11) {
        case 0, 1: return primitive()
        case 2: return constant()
        case 3: return .map(enumEntries())
        case 4:
            // Recursion through an optional property (also from an inline object, which its
            // parent holds by value); by value only backwards.
            if required {
                return earlier.isEmpty ? primitive() : ref(names[pick(earlier)])
            }
            return ref(names[int(0...(names.count - 1))])
        case 5: return .map([("type", .text("array")), ("items", itemSchema(owner: owner, depth: depth + 1))])
        case 6: return .map([("type", .text("object")), ("additionalProperties", itemSchema(owner: owner, depth: depth + 1))])
        case 7 where depth < 2: return .map(objectEntries(owner: owner, depth: depth + 1))
        case 8: return .map([("type", .list([.text(pick(["string", "integer", "number", "boolean"])), .text("null")]))])
        case 9: return .map([("type", .text(pick(["string", "integer", "boolean"]))), ("nullable", .bool(true))])
        case 10: return .map([("type", .list([.text("integer"), .text("string")]))] + description())
        default: return .map(description())
        }
    }

    /// An array's items or a map's values: a primitive, a `$ref` anywhere, an inline enum or object.
    /// - Parameter aliasesBefore: For an alias's own elements: only aliases before this index
    ///   may be referred to.
    mutating func itemSchema(owner: Int, depth: Int, aliasesBefore: Int? = nil) -> YAML {
        let targets = (0..<names.count).filter { kinds[$0] != .alias || $0 < (aliasesBefore ?? names.count) }
        switch int(0...4) {
        case 0: return primitive()
        case 1, 2: return ref(names[pick(targets)])
        case 3: return .map(enumEntries())
        default: return depth < 3 ? .map(objectEntries(owner: owner, depth: 2)) : primitive()
        }
    }

    mutating func primitive() -> YAML {
        switch int(0...5) {
        case 0:
            var entries: [(String, YAML)] = [("type", .text("string"))]
            if chance(0.3) { entries.append(("format", .text(pick(Self.formats)))) }
            if chance(0.2) { entries += [("minLength", .integer(1)), ("maxLength", .integer(40))] }
            if chance(0.2) { entries.append(("pattern", .text("^[a-z\"\\\\]+$"))) }
            if chance(0.2) { entries.append(("default", .text(pick(Self.enumValuePool)))) }
            return .map(entries)
        case 1:
            var entries: [(String, YAML)] = [("type", .text("integer"))]
            if chance(0.3) { entries += [("minimum", .integer(0)), ("maximum", .integer(500))] }
            if chance(0.2) { entries.append(("multipleOf", .integer(5))) }
            if chance(0.2) { entries.append(("default", .integer(7))) }
            return .map(entries)
        case 2: return .map([("type", .text("number"))] + (chance(0.3) ? [("default", .integer(2))] : []))
        case 3: return .map([("type", .text("boolean"))] + (chance(0.3) ? [("default", .bool(true))] : []))
        case 4: return .map([("type", .text("string")), ("description", .text(pick(Self.descriptionPool)))])
        default: return .map([("type", .text("string")), ("format", .text("date-time"))])
        }
    }

    mutating func constant() -> YAML {
        switch int(0...3) {
        case 0: return .map([("const", .text(pick(Self.enumValuePool)))])
        case 1: return .map([("const", .integer(1))])
        case 2: return .map([("type", .text("boolean")), ("const", .bool(true))])
        default: return .map([("type", .text("string")), ("const", .text("quo\"te\\(x)"))])
        }
    }

    mutating func description() -> [(String, YAML)] {
        chance(0.5) ? [("description", .text(pick(Self.descriptionPool)))] : []
    }

    // MARK: - Randomness

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(random.next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    mutating func weighted<T>(_ choices: [(Int, T)]) -> T {
        var roll = int(0...(choices.map(\.0).reduce(0, +) - 1))
        for (weight, value) in choices {
            if roll < weight { return value }
            roll -= weight
        }
        return choices[choices.count - 1].1
    }

    /// `count` distinct elements of `items` (by position), in random order.
    mutating func distinct<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        let count = min(count, pool.count)
        for index in 0..<count {
            pool.swapAt(index, int(index...(pool.count - 1)))
        }
        return Array(pool.prefix(count))
    }
}
