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

    private enum Kind { case object, enumeration, alias, allOf, discriminated, anyOf, oneOf }

    private var random: SplitMix64
    private var api = ""
    /// The regular schemas' names and kinds, by index. A `$ref` held by value (a required
    /// property, an `allOf` base, a direct alias, a `oneOf` branch) only points at a lower
    /// index, so no cycle is invalid; every other `$ref` may point anywhere (recursion).
    private var names: [String] = []
    private var kinds: [Kind] = []
    /// Schemas added for paged operations, after the regular ones.
    private var pageSchemas: [(String, YAML)] = []

    private init(random: SplitMix64) {
        self.random = random
    }

    // MARK: - Pools

    private static let apiNames = ["Random", "Shop", "Type", "Self", "default", "Protocol", "String", "Codable", "init", "APIRuntime_"]

    private static let schemaNamePool = [
        "Customer", "Order", "Item", "Link", "Address", "Money", "Status", "Kind", "Node", "Tag", "thing", "Thing",
        "Type", "String", "Self", "Protocol", "CodingKeys", "Decoder", "Encoder", "default", "init", "self", "Int", "Data",
        "URL", "Error", "Optional", "Any", "container", "encoder", "decoder", "additionalMembers", "__x", "x", "X",
        "Codable", "Sendable", "Swift", "Foundation", "Result", "Element", "Value", "client", "document",
        "Indirect", "AdditionalMembers", "Discriminator", "JSONValue", "APIResponse", "APIError", "APIClient",
        "APIDocument", "TokenProvider", "ResponseCases", "TolerantEnum", "PageSequence", "APIDownload", "Server", "_",
        "_1", "T1", "U5F",
    ]

    private static let propertyNamePool = [
        "id", "name", "count", "value", "items", "next", "_next", "links", "kind", "type", "Type", "default", "self", "Self",
        "init", "CodingKeys", "additionalMembers", "additionalMembers_2", "container", "encoder", "decoder", "foo-bar",
        "foo_bar", "fooBar", "has space", "quote\"d", "back\\slash", "123start", "名前", "Ünïcödé", "🙂", "rawValue",
        "description", "hash", "hashValue", "_", "", "x", "X", "class", "protocol", "subscript", "deinit", "Protocol",
        "undocumented", "allCases", "encode", "client", "super", "nil", "true", "some", "any", "\\(x)", "*/",
        "line\nbreak", "from", "to", "forKey",
    ]

    private static let enumValuePool = [
        "a", "b-c", "b_c", "B_C", "", "a\"b", "\\(exploit)", "*/", "line\nbreak", "undocumented", "rawValue", "default",
        "self", "Self", "init", "Type", "Ünïcödé", "🙂", "123", "allCases", "case", "none", "some", "documented",
    ]

    private static let operationIDPool = [
        "getThing", "GetThing", "listThings", "createThing", "updateThing", "deleteThing", "init", "self", "default",
        "Type", "subscript", "deinit", "description", "hash", "encode", "client", "send", "x", "X", "document",
        "getThingResponse", "listThingsPages", "download", "_", "u5F",
    ]

    private static let parameterNamePool = [
        "id", "size", "offset", "filter", "default", "self", "Type", "init", "in", "for", "where", "foo-bar", "foo_bar",
        "has space", "quote\"d", "123start", "名前", "client", "body", "parameters", "x", "X", "container", "\\(x)",
    ]

    /// HTTP tokens, for header parameters and response headers.
    private static let headerNamePool = [
        "If-Match", "X-Request", "x-request", "default", "self", "Type", "X'Quote", "X`Tick", "a.b", "X_Y", "123",
        "Location", "Retry-After", "ETag", "~tilde", "client",
    ]

    private static let argumentNamePool = ["value", "default", "self", "Self", "Type", "init", "id", "body", "x", "in", "_", "client", "client_"]

    private static let descriptionPool = [
        "Plain words.", "Quotes \"\"\" and */ and \\(interpolation)", "Line one\nLine two /// not a doc", "Ünïcödé 🙂",
    ]

    private static let formats = ["uuid", "date-time", "uri", "email"]
    private static let binaryTypes = ["application/pdf", "text/csv", "image/png", "application/octet-stream"]

    // MARK: - Spec

    private mutating func build() -> YAML {
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

    private mutating func sharedHeaders() -> YAML {
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

    private func indices(where predicate: (Kind) -> Bool, below limit: Int) -> [Int] {
        (0..<limit).filter { predicate(kinds[$0]) }
    }

    private mutating func namedSchema(_ index: Int) -> YAML {
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
    private mutating func objectEntries(owner: Int, depth: Int) -> [(String, YAML)] {
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

    private mutating func enumEntries() -> [(String, YAML)] {
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
    private mutating func propertySchema(owner: Int, depth: Int, required: Bool) -> YAML {
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
    private mutating func itemSchema(owner: Int, depth: Int, aliasesBefore: Int? = nil) -> YAML {
        let targets = (0..<names.count).filter { kinds[$0] != .alias || $0 < (aliasesBefore ?? names.count) }
        switch int(0...4) {
        case 0: return primitive()
        case 1, 2: return ref(names[pick(targets)])
        case 3: return .map(enumEntries())
        default: return depth < 3 ? .map(objectEntries(owner: owner, depth: 2)) : primitive()
        }
    }

    private mutating func primitive() -> YAML {
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
            if chance(0.2) { entries.append(("default", .integer(7))) }
            return .map(entries)
        case 2: return .map([("type", .text("number"))] + (chance(0.3) ? [("default", .integer(2))] : []))
        case 3: return .map([("type", .text("boolean"))] + (chance(0.3) ? [("default", .bool(true))] : []))
        case 4: return .map([("type", .text("string")), ("description", .text(pick(Self.descriptionPool)))])
        default: return .map([("type", .text("string")), ("format", .text("date-time"))])
        }
    }

    private mutating func constant() -> YAML {
        switch int(0...3) {
        case 0: return .map([("const", .text(pick(Self.enumValuePool)))])
        case 1: return .map([("const", .integer(1))])
        case 2: return .map([("type", .text("boolean")), ("const", .bool(true))])
        default: return .map([("type", .text("string")), ("const", .text("quo\"te\\(x)"))])
        }
    }

    private mutating func description() -> [(String, YAML)] {
        chance(0.5) ? [("description", .text(pick(Self.descriptionPool)))] : []
    }

    // MARK: - Operations

    private mutating func operation() -> YAML {
        let method = weighted([(30, "GET"), (20, "POST"), (10, "PUT"), (10, "PATCH"), (15, "DELETE"), (5, "HEAD")])
        var entries: [(String, YAML)] = []
        if chance(0.6) { entries.append(("summary", .text(pick(Self.descriptionPool)))) }
        if chance(0.2) { entries.append(("description", .text(pick(Self.descriptionPool)))) }
        entries.append(("method", .text(method)))

        let pathNames = distinct(Self.parameterNamePool, count: int(0...2))
        var path = "/v1/things"
        for name in pathNames { path += "/{\(name)}/x" }
        entries.append(("path", .text(path)))

        let paged = method == "GET" && chance(0.35)
        let offsetPaging = paged && chance(0.5)
        let pathParameters: [(String, YAML)] = pathNames.map { ($0, parameter(location: "path")) }
        // A name is one parameter's, whatever its location (the loader refuses a repeat).
        var queryNames = distinct(Self.parameterNamePool, count: int(0...3)).filter { !pathNames.contains($0) }
        var offsetName: String?, sizeName: String?
        if offsetPaging {
            queryNames.removeAll { $0 == "offset" || $0 == "size" }
            offsetName = pick(["offset", "default", "self", "skip-to"].filter { !pathNames.contains($0) })
            queryNames.removeAll { $0 == offsetName }
            if chance(0.6) {
                sizeName = pick(["size", "Type", "per page"].filter { !pathNames.contains($0) })
                queryNames.removeAll { $0 == sizeName }
            }
        }
        var query: [(String, YAML)] = queryNames.map { ($0, parameter(location: "query")) }
        if let offsetName { query.append((offsetName, .map([("schema", .map([("type", .text("integer")), ("minimum", .integer(0))]))]))) }
        if let sizeName { query.append((sizeName, .map([("schema", .map([("type", .text("integer")), ("minimum", .integer(1))]))]))) }
        let usedNames = Set(pathNames + queryNames + [offsetName, sizeName].compactMap { $0 })
        let header: [(String, YAML)] = distinct(Self.headerNamePool, count: int(0...2)).filter { !usedNames.contains($0) }
            .map { ($0, parameter(location: "header")) }
        var parameters: [(String, YAML)] = []
        if !pathParameters.isEmpty { parameters.append(("path", .map(pathParameters))) }
        if !query.isEmpty { parameters.append(("query", .map(query))) }
        if !header.isEmpty { parameters.append(("header", .map(header))) }
        if !parameters.isEmpty { entries.append(("parameters", .map(parameters))) }

        if !["GET", "HEAD"].contains(method), chance(0.7) { entries.append(("body", body())) }

        if paged {
            let page = pageSchema(offset: offsetName, size: sizeName)
            var responses: [(String, YAML)] = [("200", ref(page.name))]
            if chance(0.5) { responses.append(("default", ref(names[0]))) }
            entries.append(("responses", .map(responses)))
            entries.append(("paging", .map(page.paging)))
        } else {
            entries.append(("responses", responses()))
        }
        if chance(0.2) { entries.append(("idempotent", .bool(chance(0.5)))) }
        if chance(0.15) { entries.append(("deprecated", .bool(true))) }
        return .map(entries)
    }

    private mutating func parameter(location: String) -> YAML {
        var entries: [(String, YAML)] = []
        if chance(0.3) { entries.append(("description", .text(pick(Self.descriptionPool)))) }
        if location != "path", chance(0.4) { entries.append(("required", .bool(true))) }
        if location == "path", chance(0.2) { entries.append(("required", .bool(true))) }
        if chance(0.25) { entries.append(("argument", .text(pick(Self.argumentNamePool)))) }
        let enums = indices(where: { $0 == .enumeration }, below: names.count)
        let objects = indices(where: { $0 == .object }, below: names.count)
        let shape = location == "header" ? int(0...4) : int(0...10)
        switch shape {
        case 0: entries.append(("schema", primitive()))
        case 1: entries.append(("schema", .map(enumEntries())))
        // An inline enum with a `default`: the argument defaults to that case.
        case 2:
            let tolerant: [(String, YAML)] = chance(0.5) ? [("tolerant", .bool(true))] : []
            entries.append(("schema", .map([
                ("type", .text("string")), ("enum", .list([.text("x y"), .text("default"), .text("documented")])), ("default", .text("default")),
            ] + tolerant)))
        case 3: entries.append(("schema", enums.isEmpty ? primitive() : ref(names[pick(enums)])))
        case 4: entries.append(("schema", constant()))
        case 5:
            entries.append(("encoding", .text("json")))
            entries.append(("schema", .map([("type", .text("array")), ("items", chance(0.5) ? .map(enumEntries()) : primitive())])))
        case 6, 7:
            // A JSON-encoded object, flattened into arguments (some renamed).
            entries.append(("encoding", .text("json")))
            let properties = distinct(Self.propertyNamePool, count: int(1...3))
            var declared: [(String, YAML)] = []
            var required: [YAML] = []
            for name in properties {
                if chance(0.4) { required.append(.text(name)) }
                declared.append((name, int(0...3) == 0 ? constant() : (chance(0.3) ? .map(enumEntries()) : primitive())))
            }
            var schema: [(String, YAML)] = [("type", .text("object")), ("properties", .map(declared))]
            if !required.isEmpty { schema.append(("required", .list(required))) }
            entries.append(("schema", .map(schema)))
            if chance(0.6) {
                let renamed = distinct(properties, count: int(1...properties.count))
                let arguments = zip(renamed, distinct(Self.argumentNamePool, count: renamed.count)).map { ($0, YAML.text($1)) }
                entries.append(("arguments", .map(arguments)))
            }
        case 8 where !objects.isEmpty:
            entries.append(("encoding", .text("json")))
            entries.append(("schema", ref(names[pick(objects)])))
        case 9: entries.append(("schema", .map([("type", .list([.text("integer"), .text("string")]))])))
        default: entries.append(("schema", primitive()))
        }
        return .map(entries)
    }

    private mutating func body() -> YAML {
        var entries: [(String, YAML)] = []
        if chance(0.5) {
            entries.append(("$ref", .text("#/schemas/" + names[int(0...(names.count - 1))])))
        } else {
            let schema: YAML = switch int(0...3) {
            case 0: .map([("type", .text("array")), ("items", itemSchema(owner: 0, depth: 1))])
            case 1: primitive()
            default: .map(objectEntries(owner: 0, depth: 1))
            }
            entries.append(("schema", schema))
        }
        if chance(0.5) { entries.append(("required", .bool(chance(0.7)))) }
        if chance(0.3) { entries.append(("description", .text(pick(Self.descriptionPool)))) }
        if chance(0.3) { entries.append(("mediaType", .text(pick(["application/json", "application/x-www-form-urlencoded"])))) }
        return .map(entries)
    }

    private mutating func responses() -> YAML {
        let statuses = distinct([200, 201, 202, 203, 204, 205, 206, 207, 299], count: weighted([(60, 1), (30, 2), (10, 3)])).sorted()
        var responses: [(String, YAML)] = []
        for status in statuses {
            var entries: [(String, YAML)] = []
            let bodyless = [204, 205].contains(status)
            switch bodyless ? 2 : int(0...3) {
            case 0, 1: entries.append(("$ref", .text("#/schemas/" + names[int(0...(names.count - 1))])))
            case 3: entries.append(("content", .text(pick(Self.binaryTypes))))
            default: break
            }
            if chance(0.4) { entries.append(("description", .text(pick(Self.descriptionPool)))) }
            if chance(0.3) {
                let headers = distinct(Self.headerNamePool, count: int(1...3)).map { name in
                    (name, YAML.map([("schema", primitive())] + description()))
                }
                entries.append(("headers", .map(headers)))
            }
            responses.append((String(status), .map(entries)))
        }
        if chance(0.3) { responses.append(("304", .map([("description", .text("Not modified."))]))) }
        if chance(0.3) { responses.append(("404", chance(0.5) ? ref(names[0]) : .map([]))) }
        if chance(0.6) { responses.append(("default", ref(names[int(0...(names.count - 1))]))) }
        return .map(responses)
    }

    /// A page schema for a paged operation and the operation's `paging`.
    private mutating func pageSchema(offset: String?, size: String?) -> (name: String, paging: [(String, YAML)]) {
        let name = "Page\(pageSchemas.count)" + pick(["", "_", "Type"])
        let itemsName = pick(["items", "value", "has space"])
        let element: YAML = switch int(0...5) {
        case 0: primitive()
        case 1: .map(enumEntries())
        case 2: .map(objectEntries(owner: names.count, depth: 1))
        default: ref(names[int(0...(names.count - 1))])
        }
        var properties: [(String, YAML)] = [(itemsName, .map([("type", .text("array")), ("items", element)]))]
        var required: [YAML] = chance(0.5) ? [.text(itemsName)] : []
        var paging: [(String, YAML)] = [("items", .text(itemsName))]
        if let offset {
            paging.append(("offset", .text(offset)))
            if let size { paging.append(("size", .text(size))) }
            if chance(0.5) {
                let total = pick(["totalCount", "count", "default", "Type"])
                properties.append((total, .map([("type", .text("integer"))])))
                paging.append(("total", .text(total)))
                if chance(0.5) { required.append(.text(total)) }
            }
        } else {
            let link: YAML = .map([
                ("type", .text("object")),
                ("properties", .map([("uri", .map([("type", .text("string"))])), ("method", .map([("type", .text("string"))]))])),
            ])
            if chance(0.5) {
                let next = pick(["next", "self", "default", "Type"])
                properties.append((next, link))
                paging.append(("next", .text(next)))
            } else {
                let outer = pick(["links", "Type", "init"]), inner = pick(["next", "self", "default"])
                properties.append((outer, .map([("type", .text("object")), ("properties", .map([(inner, link)]))])))
                paging.append(("next", .text(outer + "." + inner)))
            }
        }
        var schema: [(String, YAML)] = [("type", .text("object")), ("properties", .map(properties))]
        if !required.isEmpty { schema.append(("required", .list(required))) }
        pageSchemas.append((name, .map(schema)))
        return (name, paging)
    }

    private func ref(_ name: String) -> YAML {
        .map([("$ref", .text("#/schemas/" + name))])
    }

    // MARK: - Randomness

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    private mutating func chance(_ probability: Double) -> Bool {
        Double(random.next() >> 11) / Double(UInt64(1) << 53) < probability
    }

    private mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }

    private mutating func weighted<T>(_ choices: [(Int, T)]) -> T {
        var roll = int(0...(choices.map(\.0).reduce(0, +) - 1))
        for (weight, value) in choices {
            if roll < weight { return value }
            roll -= weight
        }
        return choices[choices.count - 1].1
    }

    /// `count` distinct elements of `items` (by position), in random order.
    private mutating func distinct<T>(_ items: [T], count: Int) -> [T] {
        var pool = items
        let count = min(count, pool.count)
        for index in 0..<count {
            pool.swapAt(index, int(index...(pool.count - 1)))
        }
        return Array(pool.prefix(count))
    }
}

/// A YAML value, written with every string double-quoted so that no text changes type.
indirect enum YAML {
    case text(String)
    case integer(Int)
    case bool(Bool)
    case list([YAML])
    case map([(String, YAML)])

    /// The value as a YAML document: mappings in block style, sequences in flow style.
    var yamlDocument: String {
        block(indent: 0).joined(separator: "\n") + "\n"
    }

    private func block(indent: Int) -> [String] {
        guard case let .map(entries) = self, !entries.isEmpty else { return [String(repeating: " ", count: indent) + flow] }
        let pad = String(repeating: " ", count: indent)
        return entries.flatMap { key, value -> [String] in
            if case let .map(inner) = value, !inner.isEmpty {
                return [pad + Self.quoted(key) + ":"] + value.block(indent: indent + 2)
            }
            return [pad + Self.quoted(key) + ": " + value.flow]
        }
    }

    private var flow: String {
        switch self {
        case let .text(text): Self.quoted(text)
        case let .integer(number): String(number)
        case let .bool(flag): flag ? "true" : "false"
        case let .list(items): "[" + items.map(\.flow).joined(separator: ", ") + "]"
        case let .map(entries): "{" + entries.map { Self.quoted($0.0) + ": " + $0.1.flow }.joined(separator: ", ") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case _ where scalar.value < 0x20: result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
