/// What one spec file contributes, before the files are merged.
struct FileContents {
    var path: String
    /// The `api` name and the node that declares it (only the main file has one).
    var api: (name: String, node: YAMLNode)?
    /// The API keys at the top of the file (`title`, `servers`, `auth`, `scopes`, `headers`,
    /// `error`), named after `api` when the file has one: only the main file may have them.
    var connection = APIConnection(name: "")
    /// The other APIs this file declares (`apis:`), with their name keys.
    var apis: [(api: APIConnection, key: YAMLNode)] = []
    /// The API the file's operations belong to (`belongsTo:`), with its node.
    var belongsTo: (name: String, node: YAMLNode)?
    /// Operations that name their API (`belongsTo:`), with the node that names it.
    var operationAPIs: [(operationID: String, name: String, node: YAMLNode)] = []
    var operations: [(operation: OperationDescription, key: YAMLNode)] = []
    var schemas: [(schema: NamedSchema, key: YAMLNode)] = []
    /// Paging declarations with the nodes of their `items` and `next` values, checked once
    /// every schema is known.
    var paging: [(operationID: String, items: YAMLNode?, style: YAMLNode, total: YAMLNode?)] = []
    /// Operations that start a job, with their `job` keys: checked once every operation is known.
    var jobs: [(operationID: String, key: YAMLNode)] = []
    /// Parameters whose checks need their schema resolved (it may be a `$ref` to another file).
    var parameterChecks: [ParameterCheck] = []
}

/// What to check of a parameter once every schema is known: its `arguments` keys name
/// properties of its object schema, and an object or array is JSON-encoded.
struct ParameterCheck {
    var schema: JSONSchema
    var encoding: ParameterDescription.Encoding
    /// The `arguments` mapping, when given.
    var arguments: YAMLNode?
    /// The `schema` key, where a missing `encoding: json` is reported.
    var schemaKey: YAMLNode
}

/// Decodes one file's YAML tree into its contributions, reporting problems as it goes.
struct FileDecoder {
    static let topLevelKeys = ["api", "title", "description", "servers", "auth", "scopes", "headers", "error", "apis", "belongsTo", "operations", "schemas"]
    static let apiKeys = ["title", "description", "servers", "auth", "scopes", "headers", "error"]
    static let operationKeys =
        Annotations.Keyword.all(for: .operation).map(\.rawValue) + [
            "method", "path", "parameters", "body", "responses", "paging", "idempotent", "belongsTo", "job",
        ]
    static let bodyKeys = ["$ref", "schema", "required", "description", "mediaType"]
    static let responseKeys = ["$ref", "description", "content", "headers"]
    static let responseHeaderKeys = ["schema", "description"]
    static let pagingKeys = ["items", "next", "offset", "size", "total"]
    static let parameterKeys = ["schema", "description", "required", "encoding", "argument", "arguments"]
    static let headerKeys = ["value", "default", "generate", "per", "description", "required"]

    let path: String
    let resolver: ReferenceResolver
    /// Where schemas and operations start (the side table of a spec's decoded values).
    let recorder: LocationRecorder

    var schemaDecoder: SchemaDecoder { SchemaDecoder(file: path, resolver: resolver, recorder: recorder) }

    func decode(_ root: YAMLNode, diagnostics: inout DiagnosticCollector) -> FileContents {
        var contents = FileContents(path: path)
        guard let reader = MappingReader(root, what: "a spec file", allowed: Self.topLevelKeys, diagnostics: &diagnostics) else {
            return contents
        }
        if let apiNode = reader["api"], let name = ScalarReader.string(apiNode, key: "api", diagnostics: &diagnostics) {
            if Identifiers.isValid(name) {
                contents.api = (name, apiNode)
            } else {
                diagnostics.error("'api' must be an identifier (letters, digits, '_'), found '\(name)'", at: apiNode.location)
            }
        }
        contents.connection = decodeAPI(name: contents.api?.name ?? "", reader, diagnostics: &diagnostics)
        if let node = reader["apis"] { contents.apis = decodeAPIs(node, diagnostics: &diagnostics) }
        if let node = reader["belongsTo"], let name = ScalarReader.string(node, key: "belongsTo", diagnostics: &diagnostics) {
            contents.belongsTo = (name, node)
        }
        if let node = reader["schemas"], let schemas = MappingReader(node, what: "'schemas'", allowed: nil, diagnostics: &diagnostics) {
            for entry in schemas.entries {
                guard Identifiers.isValid(entry.key) else {
                    diagnostics.error("schema name '\(entry.key)' must be an identifier (letters, digits, '_')", at: entry.keyNode.location)
                    continue
                }
                let schema = schemaDecoder.decode(entry.value, at: "/schemas/" + JSONPointer.escape(entry.key), diagnostics: &diagnostics)
                contents.schemas.append((NamedSchema(name: entry.key, schema: schema), entry.keyNode))
            }
        }
        if let node = reader["operations"], let operations = MappingReader(node, what: "'operations'", allowed: nil, diagnostics: &diagnostics) {
            for entry in operations.entries {
                guard Identifiers.isValid(entry.key) else {
                    diagnostics.error("operation id '\(entry.key)' must be an identifier (letters, digits, '_')", at: entry.keyNode.location)
                    continue
                }
                if let operation = decodeOperation(id: entry.key, entry.value, key: entry.keyNode, into: &contents, diagnostics: &diagnostics) {
                    contents.operations.append((operation, entry.keyNode))
                    recorder.record(entry.value.location, at: "/operations/" + JSONPointer.escape(entry.key))
                }
            }
        }
        return contents
    }

    private func decodeOperation(
        id: String, _ node: YAMLNode, key: YAMLNode, into contents: inout FileContents, diagnostics: inout DiagnosticCollector
    ) -> OperationDescription? {
        guard let reader = MappingReader(node, what: "operation '\(id)'", allowed: Self.operationKeys, diagnostics: &diagnostics) else {
            return nil
        }
        let what = "operation '\(id)'"
        let methodNode = reader.required("method", in: what, owner: key, diagnostics: &diagnostics)
        let pathNode = reader.required("path", in: what, owner: key, diagnostics: &diagnostics)
        let responsesNode = reader.required("responses", in: what, owner: key, diagnostics: &diagnostics)
        let method = methodNode.flatMap { _ in reader.choice("method", among: OperationDescription.Method.allCases.map(\.rawValue), diagnostics: &diagnostics) }
        let path = pathNode.flatMap { ScalarReader.string($0, key: "path", diagnostics: &diagnostics) }
        if let path, let pathNode, !path.hasPrefix("/") {
            diagnostics.error("path '\(path)' must start with '/'", at: pathNode.location)
        }
        let (parameters, parameterKeys) = reader["parameters"].map { decodeParameters($0, into: &contents, diagnostics: &diagnostics) } ?? ([], [:])
        if let path, let pathNode {
            PathTemplate.check(path, at: pathNode, parameters: parameters, keys: parameterKeys, diagnostics: &diagnostics)
        }
        let responses = responsesNode.map { decodeResponses($0, diagnostics: &diagnostics) } ?? []
        let body = reader["body"].flatMap { decodeBody($0, diagnostics: &diagnostics) }
        if body != nil, let method, ["GET", "HEAD"].contains(method), let bodyKey = reader.keyNode("body") {
            diagnostics.error("a \(method) request has no body", at: bodyKey.location)
        }
        let paging = reader["paging"].flatMap { decodePaging($0, key: reader.keyNode("paging"), id: id, parameters: parameters, into: &contents, diagnostics: &diagnostics) }
        let job = reader["job"].flatMap { decodeJob($0, key: reader.keyNode("job"), diagnostics: &diagnostics) }
        if job != nil, let jobKey = reader.keyNode("job") { contents.jobs.append((id, jobKey)) }
        let idempotent = reader.bool("idempotent", diagnostics: &diagnostics)
        if let node = reader["belongsTo"], let name = ScalarReader.string(node, key: "belongsTo", diagnostics: &diagnostics) {
            contents.operationAPIs.append((id, name, node))
        }
        let annotations = reader.annotations(for: .operation, diagnostics: &diagnostics)
        guard let method, let path else { return nil }
        return OperationDescription(
            id: id,
            annotations: annotations,
            method: OperationDescription.Method(rawValue: method) ?? .GET,
            path: path,
            parameters: parameters,
            body: body,
            responses: responses,
            paging: paging,
            job: job,
            declaredIdempotent: idempotent
        )
    }

    /// `paging:` with `items` (optional: without it the page is an array) and either `next`
    /// (a link path, dotted or as a list of member names; or `{ header: NAME }`, a continuation
    /// header) or `offset` (a query parameter, with an optional `size` parameter and `total`
    /// property).
    private func decodePaging(
        _ node: YAMLNode, key: YAMLNode?, id: String, parameters: [ParameterDescription], into contents: inout FileContents,
        diagnostics: inout DiagnosticCollector
    ) -> Paging? {
        guard let reader = MappingReader(node, what: "'paging'", allowed: Self.pagingKeys, diagnostics: &diagnostics) else { return nil }
        let itemsNode = reader["items"]
        let items = itemsNode.flatMap { ScalarReader.string($0, key: "items", diagnostics: &diagnostics) }
        if itemsNode != nil, items == nil { return nil }
        let styles = ["next", "offset"].filter { reader[$0] != nil }
        guard styles.count == 1, let styleNode = reader[styles[0]] else {
            diagnostics.error("'paging' needs exactly one of 'next' (a link path or a continuation header) or 'offset' (a query parameter)", at: key?.location ?? node.location)
            return nil
        }
        let style: Paging.Style
        if styles[0] == "next" {
            for extra in ["size", "total"] {
                if let extraKey = reader.keyNode(extra) { diagnostics.error("'\(extra)' applies only to 'offset' paging", at: extraKey.location) }
            }
            guard let next = decodeNext(styleNode, diagnostics: &diagnostics) else { return nil }
            style = next
        } else {
            guard let styleText = ScalarReader.string(styleNode, key: "offset", diagnostics: &diagnostics) else { return nil }
            let queryNames = parameters.filter { $0.location == .query }.map(\.name)
            let size = reader["size"].flatMap { ScalarReader.string($0, key: "size", diagnostics: &diagnostics) }
            for (keyword, name) in [("offset", styleText), ("size", size)] {
                guard let name, let valueNode = reader[keyword] else { continue }
                guard let parameter = parameters.first(where: { $0.location == .query && $0.name == name }) else {
                    diagnostics.error("paging '\(keyword)' names no query parameter '\(name)'\(Suggestion.clause(for: name, in: queryNames))", at: valueNode.location)
                    continue
                }
                if parameter.schema.reference == nil, parameter.schema.singleType != .integer {
                    diagnostics.error("paging '\(keyword)' parameter '\(name)' must be of type 'integer'", at: valueNode.location)
                }
            }
            style = .offset(parameter: styleText, size: size, total: reader.string("total", diagnostics: &diagnostics))
        }
        contents.paging.append((id, itemsNode, styleNode, reader["total"]))
        return Paging(items: items, style: style)
    }

    /// `next:` — `links.next` (a dotted path), `['@odata.nextLink']` (member names, for a
    /// name that holds dots), or `{ header: MS-ContinuationToken }`.
    private func decodeNext(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> Paging.Style? {
        switch node.content {
        case .sequence:
            guard let names = ScalarReader.strings(node, key: "next", diagnostics: &diagnostics)?.map(\.0) else { return nil }
            guard !names.isEmpty, !names.contains(where: \.isEmpty) else {
                diagnostics.error("'next' lists the member names of a path, none of them empty", at: node.location)
                return nil
            }
            return .nextLink(names)
        case .mapping:
            guard let reader = MappingReader(node, what: "'next'", allowed: ["header"], diagnostics: &diagnostics),
                let headerNode = reader.required("header", in: "'next'", owner: node, diagnostics: &diagnostics),
                let header = ScalarReader.string(headerNode, key: "header", diagnostics: &diagnostics)
            else { return nil }
            guard HeaderRules.isValidName(header) else {
                diagnostics.error("'\(header)' is not a valid HTTP header name", at: headerNode.location)
                return nil
            }
            return .continuationHeader(header)
        default:
            guard let text = ScalarReader.string(node, key: "next", diagnostics: &diagnostics) else { return nil }
            return .nextLink(text.split(separator: ".", omittingEmptySubsequences: false).map(String.init))
        }
    }

    /// `body:` — a `$ref` or an inline `schema`, whether it is `required`, its `mediaType`.
    private func decodeBody(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> BodyDescription? {
        guard let reader = MappingReader(node, what: "'body'", allowed: Self.bodyKeys, diagnostics: &diagnostics) else { return nil }
        let sources = ["$ref", "schema"].filter { reader[$0] != nil }
        guard sources.count == 1 else {
            diagnostics.error("'body' needs exactly one of '$ref' or 'schema'", at: node.location)
            return nil
        }
        let schema: JSONSchema
        if sources[0] == "schema", let schemaNode = reader["schema"] {
            schema = schemaDecoder.decode(schemaNode, at: nil, diagnostics: &diagnostics)
        } else {
            // `{ $ref: …, required: true }`: the reference alone is the schema.
            guard let refNode = reader["$ref"], let text = ScalarReader.string(refNode, key: "$ref", diagnostics: &diagnostics),
                let name = resolver.resolve(text, from: path, at: refNode, diagnostics: &diagnostics)
            else { return nil }
            schema = JSONSchema(reference: name)
        }
        let mediaTypes = BodyDescription.MediaType.allCases.map(\.rawValue)
        let mediaType = reader.choice("mediaType", among: mediaTypes, diagnostics: &diagnostics).flatMap(BodyDescription.MediaType.init(rawValue:)) ?? .json
        return BodyDescription(
            schema: schema, isRequired: reader.bool("required", diagnostics: &diagnostics) ?? false, mediaType: mediaType,
            description: reader.string("description", diagnostics: &diagnostics)
        )
    }

    /// The parameters sorted by location, then name, and where each one's name is written.
    private func decodeParameters(
        _ node: YAMLNode, into contents: inout FileContents, diagnostics: inout DiagnosticCollector
    ) -> ([ParameterDescription], keys: [String: SourceLocation]) {
        let locations = ParameterDescription.Location.allCases.map(\.rawValue)
        guard let reader = MappingReader(node, what: "'parameters'", allowed: locations, diagnostics: &diagnostics) else { return ([], [:]) }
        var parameters: [ParameterDescription] = []
        var keys: [String: SourceLocation] = [:]
        // A call's arguments are keyed by parameter name: one name, one parameter.
        var locationByName: [String: String] = [:]
        for entry in reader.entries {
            guard let location = ParameterDescription.Location(rawValue: entry.key),
                let group = MappingReader(entry.value, what: "'\(entry.key)' parameters", allowed: nil, diagnostics: &diagnostics)
            else { continue }
            for parameterEntry in group.entries {
                if let earlier = locationByName.updateValue(entry.key, forKey: parameterEntry.key) {
                    diagnostics.error(
                        "parameter '\(parameterEntry.key)' is also a \(earlier) parameter; a name may be used by one parameter of an operation",
                        at: parameterEntry.keyNode.location
                    )
                    continue
                }
                if let parameter = decodeParameter(
                    parameterEntry.key, location: location, parameterEntry.value, key: parameterEntry.keyNode, into: &contents,
                    diagnostics: &diagnostics
                ) {
                    parameters.append(parameter)
                    keys[parameter.name] = parameterEntry.keyNode.location
                }
            }
        }
        return (parameters.sorted { ($0.location, $0.name) < ($1.location, $1.name) }, keys)
    }

    private func decodeParameter(
        _ name: String, location: ParameterDescription.Location, _ node: YAMLNode, key: YAMLNode, into contents: inout FileContents,
        diagnostics: inout DiagnosticCollector
    ) -> ParameterDescription? {
        let what = "parameter '\(name)'"
        if location == .header, !HeaderRules.isValidName(name) {
            diagnostics.error("'\(name)' is not a valid HTTP header name", at: key.location)
        }
        guard let reader = MappingReader(node, what: what, allowed: Self.parameterKeys, diagnostics: &diagnostics),
            let schemaNode = reader.required("schema", in: what, owner: key, diagnostics: &diagnostics)
        else { return nil }
        let schema = schemaDecoder.decode(schemaNode, at: nil, diagnostics: &diagnostics)
        var isRequired = reader.bool("required", diagnostics: &diagnostics) ?? false
        if location == .path {
            if isRequired == false, let requiredNode = reader["required"] {
                diagnostics.error("path parameters are always required", at: requiredNode.location)
            }
            isRequired = true
        }
        let encoding = reader.choice("encoding", among: ["plain", "json"], diagnostics: &diagnostics).flatMap(ParameterDescription.Encoding.init(rawValue:)) ?? .plain
        let argument = reader.string("argument", diagnostics: &diagnostics)
        if let argument, !Identifiers.isValid(argument), let node = reader["argument"] {
            diagnostics.error("'argument' must be an identifier, found '\(argument)'", at: node.location)
        }
        var propertyArguments: [String: String] = [:]
        if let argumentsNode = reader["arguments"],
            let arguments = MappingReader(argumentsNode, what: "'arguments'", allowed: nil, diagnostics: &diagnostics)
        {
            for entry in arguments.entries {
                guard let value = ScalarReader.string(entry.value, key: entry.key, diagnostics: &diagnostics) else { continue }
                if Identifiers.isValid(value) {
                    propertyArguments[entry.key] = value
                } else {
                    diagnostics.error("argument name '\(value)' must be an identifier", at: entry.value.location)
                }
            }
        }
        if let schemaKey = reader.keyNode("schema") {
            contents.parameterChecks.append(ParameterCheck(schema: schema, encoding: encoding, arguments: reader["arguments"], schemaKey: schemaKey))
        }
        return ParameterDescription(
            name: name, location: location, isRequired: isRequired, encoding: encoding,
            description: reader.string("description", diagnostics: &diagnostics), schema: schema,
            argumentName: argument, propertyArguments: propertyArguments
        )
    }
}
