extension FileDecoder {
    /// `responses:` by status: each a JSON body (`$ref`), bytes of another media type
    /// (`content`) or no body, with its declared headers; at least one must be 2xx.
    func decodeResponses(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [ResponseDescription] {
        guard let reader = MappingReader(node, what: "'responses'", allowed: nil, diagnostics: &diagnostics) else { return [] }
        var responses: [ResponseDescription] = []
        var declaresSuccess = false
        for entry in reader.entries {
            let status: ResponseDescription.Status
            if entry.key == "default" {
                status = .default
            } else if let code = Int(entry.key), (100...599).contains(code) {
                status = .code(code)
                declaresSuccess = declaresSuccess || (200...299).contains(code)
            } else {
                diagnostics.error("response key must be an HTTP status (100-599) or 'default', found '\(entry.key)'", at: entry.keyNode.location)
                continue
            }
            guard let response = MappingReader(entry.value, what: "a response", allowed: Self.responseKeys, diagnostics: &diagnostics) else {
                continue
            }
            let description = response.string("description", diagnostics: &diagnostics)
            let body: ResponseDescription.Body
            if let refNode = response["$ref"] {
                guard let reference = ScalarReader.string(refNode, key: "$ref", diagnostics: &diagnostics),
                    let name = resolver.resolve(reference, from: path, at: refNode, diagnostics: &diagnostics)
                else { continue }
                body = .json(schemaName: name)
                if let contentKey = response.keyNode("content") {
                    diagnostics.error("a response has '$ref' (a JSON body) or 'content' (another media type), not both", at: contentKey.location)
                }
            } else if let contentNode = response["content"] {
                guard let mediaType = ScalarReader.string(contentNode, key: "content", diagnostics: &diagnostics) else { continue }
                guard MediaTypes.isValid(mediaType) else {
                    diagnostics.error("'content' must be a media type such as 'application/pdf', found '\(mediaType)'", at: contentNode.location)
                    continue
                }
                guard !MediaTypes.isJSON(mediaType) else {
                    diagnostics.error("a JSON body is described with '$ref' to its schema; 'content' is for other media types", at: contentNode.location)
                    continue
                }
                body = .binary(mediaType: mediaType)
            } else {
                body = .none
            }
            if case let .code(code) = status, [204, 205, 304].contains(code) || (100...199).contains(code), body != .none {
                let key = response.keyNode("$ref") ?? response.keyNode("content") ?? entry.keyNode
                diagnostics.error("a \(code) response has no body; remove '\(response["$ref"] != nil ? "$ref" : "content")'", at: key.location)
            }
            let headers = response["headers"].map { decodeResponseHeaders($0, diagnostics: &diagnostics) } ?? []
            responses.append(ResponseDescription(status: status, body: body, description: description, headers: headers))
        }
        if !declaresSuccess {
            diagnostics.error("'responses' must declare a success status (2xx)", at: node.location)
        }
        return responses.sorted { $0.status < $1.status }
    }

    /// A response's `headers:`, by name: each with a `schema` and a `description`.
    private func decodeResponseHeaders(_ node: YAMLNode, diagnostics: inout DiagnosticCollector) -> [ResponseHeaderDescription] {
        guard let reader = MappingReader(node, what: "response 'headers'", allowed: nil, diagnostics: &diagnostics) else { return [] }
        var headers: [ResponseHeaderDescription] = []
        for entry in reader.entries {
            guard HeaderRules.isValidName(entry.key) else {
                diagnostics.error("'\(entry.key)' is not a valid HTTP header name", at: entry.keyNode.location)
                continue
            }
            guard let header = MappingReader(entry.value, what: "header '\(entry.key)'", allowed: Self.responseHeaderKeys, diagnostics: &diagnostics),
                let schemaNode = header.required("schema", in: "header '\(entry.key)'", owner: entry.keyNode, diagnostics: &diagnostics)
            else { continue }
            let schema = schemaDecoder.decode(schemaNode, at: nil, diagnostics: &diagnostics)
            headers.append(ResponseHeaderDescription(name: entry.key, schema: schema, description: header.string("description", diagnostics: &diagnostics)))
        }
        return headers.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}
