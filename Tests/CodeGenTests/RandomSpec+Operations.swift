// The operations of a random spec: parameters, bodies, responses and paging.
extension RandomSpec {
    mutating func operation() -> YAML {
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

    mutating func parameter(location: String) -> YAML {
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

    mutating func body() -> YAML {
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

    mutating func responses() -> YAML {
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
    mutating func pageSchema(offset: String?, size: String?) -> (name: String, paging: [(String, YAML)]) {
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

    func ref(_ name: String) -> YAML {
        .map([("$ref", .text("#/schemas/" + name))])
    }
}
