/// The keys that describe an API: the main one's at the top of its file, the others' under `apis:`.
extension FileDecoder {
    /// The keys an API is described with (the main API's at the top of its file, another's
    /// under `apis:`): `servers`, `auth`, `scopes`, `headers` and `error`.
    func decodeAPI(name: String, _ reader: MappingReader, diagnostics: inout DiagnosticCollector) -> APIConnection {
        var api = APIConnection(name: name)
        api.title = reader.string("title", diagnostics: &diagnostics)
        api.description = reader.string("description", diagnostics: &diagnostics)
        if let auth = reader.choice("auth", among: ["bearer", "none"], diagnostics: &diagnostics) {
            api.auth = APIConnection.Auth(rawValue: auth) ?? .bearer
        }
        if let node = reader["servers"] { api.servers = decodeServers(node, diagnostics: &diagnostics) }
        if let node = reader["headers"] { api.headers = decodeHeaders(node, diagnostics: &diagnostics) }
        if let node = reader["scopes"] { api.scopes = decodeScopes(node, diagnostics: &diagnostics) }
        if let node = reader["error"], let error = MappingReader(node, what: "'error'", allowed: ["$ref"], diagnostics: &diagnostics),
            let refNode = error.required("$ref", in: "'error'", owner: reader.keyNode("error"), diagnostics: &diagnostics),
            let text = ScalarReader.string(refNode, key: "$ref", diagnostics: &diagnostics)
        {
            api.errorSchema = resolver.resolve(text, from: path, at: refNode, diagnostics: &diagnostics)
        }
        return api
    }

    /// `apis:` — the other APIs, by name, each described like the main one.
    func decodeAPIs(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [(api: APIConnection, key: YAMLNode)] {
        guard let reader = MappingReader(node, what: "'apis'", allowed: nil, diagnostics: &diagnostics) else { return [] }
        var apis: [(api: APIConnection, key: YAMLNode)] = []
        for entry in reader.entries {
            guard Identifiers.isValid(entry.key) else {
                diagnostics.error("API name '\(entry.key)' must be an identifier (letters, digits, '_')", at: entry.keyNode.location)
                continue
            }
            guard let fields = MappingReader(entry.value, what: "API '\(entry.key)'", allowed: Self.apiKeys, diagnostics: &diagnostics) else { continue }
            let api = decodeAPI(name: entry.key, fields, diagnostics: &diagnostics)
            if api.servers.isEmpty, fields["servers"] == nil {
                diagnostics.error("API '\(entry.key)' is missing required key 'servers'", at: entry.keyNode.location)
            }
            apis.append((api, entry.keyNode))
        }
        return apis
    }

    /// `scopes:` — a list of OAuth 2 scopes (no whitespace in one).
    func decodeScopes(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [String] {
        (ScalarReader.strings(node, key: "scopes", diagnostics: &diagnostics) ?? []).compactMap { scope, item in
            guard !scope.isEmpty, !scope.contains(where: \.isWhitespace) else {
                diagnostics.error("a scope has no whitespace and is not empty, found '\(scope)'", at: item.location)
                return nil
            }
            return scope
        }
    }

    func decodeServers(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [String: String] {
        guard let reader = MappingReader(node, what: "'servers'", allowed: nil, diagnostics: &diagnostics) else { return [:] }
        var servers: [String: String] = [:]
        for entry in reader.entries {
            guard let url = ScalarReader.string(entry.value, key: entry.key, diagnostics: &diagnostics) else { continue }
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), !url.contains(where: \.isWhitespace) else {
                diagnostics.error("server '\(entry.key)' must be an http or https URL, found '\(url)'", at: entry.value.location)
                continue
            }
            servers[entry.key] = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if !servers.isEmpty, servers["default"] == nil {
            diagnostics.error("'servers' must name one server 'default'", at: node.location)
        }
        return servers
    }

    func decodeHeaders(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [SharedHeaderDescription] {
        guard let reader = MappingReader(node, what: "'headers'", allowed: nil, diagnostics: &diagnostics) else { return [] }
        var headers: [SharedHeaderDescription] = []
        for entry in reader.entries {
            guard HeaderRules.isValidName(entry.key) else {
                diagnostics.error("'\(entry.key)' is not a valid HTTP header name", at: entry.keyNode.location)
                continue
            }
            guard let header = MappingReader(entry.value, what: "header '\(entry.key)'", allowed: Self.headerKeys, diagnostics: &diagnostics) else {
                continue
            }
            let description = header.string("description", diagnostics: &diagnostics)
            let sources = ["value", "default", "generate"].filter { header[$0] != nil }
            guard sources.count == 1 else {
                diagnostics.error("header '\(entry.key)' needs exactly one of 'value', 'default' or 'generate'", at: entry.value.location)
                continue
            }
            let source: SharedHeaderDescription.Source?
            switch sources[0] {
            case "generate":
                _ = header.choice("generate", among: ["uuid"], diagnostics: &diagnostics)
                let scope = header.choice("per", among: SharedHeaderDescription.Source.uuidScopes, diagnostics: &diagnostics)
                if header["per"] == nil {
                    diagnostics.error("header '\(entry.key)' is missing required key 'per'", at: entry.keyNode.location)
                }
                source = scope.flatMap(SharedHeaderDescription.Source.uuid(per:))
            default:
                let key = sources[0]
                let value = header.string(key, diagnostics: &diagnostics)
                if let value, !HeaderRules.isValidValue(value), let valueNode = header[key] {
                    diagnostics.error("header '\(entry.key)' has a value with a control character", at: valueNode.location)
                    continue
                }
                source = value.map { key == "value" ? .fixed($0) : .defaultValue($0) }
            }
            if header["per"] != nil, sources[0] != "generate", let perKey = header.keyNode("per") {
                diagnostics.error("'per' applies only to a generated header", at: perKey.location)
            }
            if let source {
                headers.append(
                    SharedHeaderDescription(name: entry.key, source: source, description: description, declaredRequired: header.bool("required", diagnostics: &diagnostics))
                )
            }
        }
        return headers.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}
