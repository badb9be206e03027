import JSONValues

// The JSON form of an operation in the compiled document, written and read here alone:
// everything the spec says of it, so that reading what was written gives the same value.

extension OperationDescription {
    /// Reads operation `id` from its JSON form.
    package init(id: String, _ reader: DocumentReader) throws(DocumentError) {
        let methodName = try reader.string("method")
        guard let method = Method(rawValue: methodName) else { throw DocumentError("\(reader.path)/method: '\(methodName)' is no HTTP method") }
        var parameters: [ParameterDescription] = []
        for value in try reader.array("parameters") {
            parameters.append(try ParameterDescription(DocumentReader(value, path: reader.path + "/parameters")))
        }
        var responses: [ResponseDescription] = []
        for (key, value) in try reader.object("responses") {
            let status: ResponseDescription.Status
            if key == "default" {
                status = .default
            } else if let code = Int(key) {
                status = .code(code)
            } else {
                throw DocumentError("\(reader.path)/responses/\(key) is no status")
            }
            responses.append(try ResponseDescription(status: status, DocumentReader(value, path: reader.path + "/responses/\(key)")))
        }
        var declaredIdempotent: Bool?
        if case let .bool(flag)? = reader.value["idempotent"] { declaredIdempotent = flag }
        var annotations = Annotations()
        for keyword in Annotations.Keyword.all(for: .operation) {
            if let value = reader.value[keyword.rawValue] { annotations.set(keyword, to: value) }
        }
        self.init(
            id: id, annotations: annotations, method: method,
            path: try reader.string("path"), parameters: parameters,
            body: try reader.member("body").map { reader throws(DocumentError) in try BodyDescription(reader) },
            responses: responses.sorted { $0.status < $1.status },
            paging: try reader.member("paging").map { reader throws(DocumentError) in try Paging(reader) },
            job: try reader.member("job").map { reader throws(DocumentError) in try Job(reader) }, declaredIdempotent: declaredIdempotent,
            apiName: reader.optionalString("api")
        )
    }

    /// The operation's JSON form (its id is its key in the document's `operations`).
    public var json: JSONValue {
        let responses: [(String, JSONValue?)] = self.responses.map { ($0.code.map(String.init) ?? "default", $0.json) }
        let members: [(String, JSONValue?)] = [
            ("api", apiName.map(JSONValue.string)),
            ("method", .string(method.rawValue)),
            ("path", .string(path)),
            ("parameters", .array(parameters.map(\.json))),
            ("body", body?.json),
            ("idempotent", declaredIdempotent.map(JSONValue.bool)),
            ("responses", .sortedObject(responses)),
            ("paging", paging?.json),
            ("job", job?.json),
        ]
        return .sortedObject(members + annotations.members)
    }
}

extension ResponseDescription {
    package init(status: Status, _ reader: DocumentReader) throws(DocumentError) {
        guard reader.value.objectValue != nil else { throw DocumentError("\(reader.path) must be an object") }
        var headers: [ResponseHeaderDescription] = []
        for (index, header) in (reader.value["headers"]?.arrayValue ?? []).enumerated() {
            let entry = DocumentReader(header, path: reader.path + "/headers/\(index)")
            headers.append(
                ResponseHeaderDescription(name: try entry.string("name"), schema: try entry.schema("schema"), description: entry.optionalString("description"))
            )
        }
        let body: Body =
            if let name = reader.optionalString("schema") {
                .json(schemaName: name)
            } else if let mediaType = reader.optionalString("content") {
                .binary(mediaType: mediaType)
            } else {
                .none
            }
        self.init(status: status, body: body, description: reader.optionalString("description"), headers: headers)
    }

    /// `{"schema": NAME}` for a JSON body, `{"content": TYPE}` for bytes, `{}` for none; with
    /// its `description` and `headers`, the declared response headers, when there are any.
    /// (Its status is its key in the operation's `responses`.)
    public var json: JSONValue {
        let headers = headers.map { header in
            JSONValue.sortedObject([
                ("name", .string(header.name)), ("schema", header.schema.json), ("description", header.description.map(JSONValue.string)),
            ])
        }
        return .sortedObject([
            ("schema", schemaName.map(JSONValue.string)),
            ("content", binaryMediaType.map(JSONValue.string)),
            ("description", description.map(JSONValue.string)),
            ("headers", headers.isEmpty ? nil : .array(headers)),
        ])
    }
}

extension BodyDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        let mediaTypeName = reader.optionalString("mediaType") ?? MediaType.json.rawValue
        guard let mediaType = MediaType(rawValue: mediaTypeName) else {
            throw DocumentError("\(reader.path)/mediaType: '\(mediaTypeName)' is no body media type")
        }
        self.init(
            schema: try reader.schema("schema"), isRequired: reader.value["required"] == .bool(true), mediaType: mediaType,
            description: reader.optionalString("description")
        )
    }

    public var json: JSONValue {
        .sortedObject([
            ("schema", schema.json), ("required", .bool(isRequired)), ("mediaType", .string(mediaType.rawValue)),
            ("description", description.map(JSONValue.string)),
        ])
    }
}

extension ParameterDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        let name = try reader.string("name")
        guard let location = Location(rawValue: try reader.string("in")) else {
            throw DocumentError("parameter \(name) has an unknown location")
        }
        self.init(
            name: name, location: location, isRequired: reader.value["required"] == .bool(true),
            encoding: reader.optionalString("encoding") == "json" ? .json : .plain, description: reader.optionalString("description"),
            schema: try reader.schema("schema"), argumentName: reader.optionalString("argument"),
            propertyArguments: (reader.value["arguments"]?.objectValue?.dictionary ?? [:]).compactMapValues(\.stringValue)
        )
    }

    public var json: JSONValue {
        let members: [(String, JSONValue?)] = [
            ("name", .string(name)),
            ("in", .string(location.rawValue)),
            ("required", .bool(isRequired)),
            ("encoding", .string(encoding.rawValue)),
            ("description", description.map(JSONValue.string)),
            ("argument", argumentName.map(JSONValue.string)),
            ("arguments", propertyArguments.isEmpty ? nil : .object(JSONObject(propertyArguments.mapValues(JSONValue.string)))),
            ("schema", schema.json),
        ]
        return .sortedObject(members)
    }
}
