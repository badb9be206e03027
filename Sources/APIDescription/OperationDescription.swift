import JSONValues

/// One operation of the compiled spec: what the generator writes (``json``) and the runtime
/// reads back (``init(id:json:)``).
public struct OperationDescription: Sendable {
    public var id: String
    public var method: String
    /// The path template, e.g. `/v1/customers/{customer-tenant-id}`.
    public var path: String
    public var summary: String?
    public var description: String?
    public var parameters: [ParameterDescription]
    /// The request body, when the operation sends one.
    public var body: BodyDescription?
    /// Responses by status code; `default` under key `nil`.
    public var responses: [Int?: ResponseDescription]
    public var paging: Paging?
    /// For an operation that starts a job: how to wait for it, where its result is.
    public var job: Job?
    /// Whether a failure whose effect is unknown (5xx, timeout, dropped connection) may be
    /// retried: the spec's `idempotent:`, or the method's own semantics.
    public var isIdempotent: Bool
    /// Whether the spec deprecates the operation (`deprecated: true`): it still works, but
    /// callers should move to what its description names.
    public var isDeprecated: Bool
    /// The API of the spec's `apis:` the operation belongs to; nil for the main API.
    public var apiName: String?

    public init(
        id: String, method: String, path: String, summary: String? = nil, description: String? = nil, parameters: [ParameterDescription] = [],
        body: BodyDescription? = nil, responses: [Int?: ResponseDescription], paging: Paging? = nil, job: Job? = nil, isIdempotent: Bool,
        isDeprecated: Bool = false, apiName: String? = nil
    ) {
        self.id = id
        self.method = method
        self.path = path
        self.summary = summary
        self.description = description
        self.parameters = parameters
        self.body = body
        self.responses = responses
        self.paging = paging
        self.job = job
        self.isIdempotent = isIdempotent
        self.isDeprecated = isDeprecated
        self.apiName = apiName
    }

    /// Whether repeating a request of `method` is safe by HTTP's semantics: what an operation
    /// is when the spec does not say (`idempotent:`), and a next-page link's request.
    public static func isIdempotent(method: String) -> Bool {
        ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
    }

    /// The success statuses the spec lists, ascending.
    public var successStatuses: [Int] {
        responses.keys.compactMap(\.self).filter { (200...299).contains($0) }.sorted()
    }

    /// The response the spec declares for `status`, or for an error status its `default`
    /// one; nil for a success status it does not list.
    public func response(for status: Int) -> ResponseDescription? {
        if let response = responses[status] { return response }
        return (200...299).contains(status) ? nil : responses[nil]
    }
}

/// What an operation answers with one status.
public struct ResponseDescription: Sendable, Hashable {
    /// The named schema of a JSON body.
    public var schemaName: String?
    /// The media type of a body of bytes (`application/pdf`…).
    public var binaryMediaType: String?
    /// The response headers the spec declares (`Location`, `Retry-After`…), with their schemas.
    public var headers: [(name: String, schema: JSONSchema)]

    public init(schemaName: String? = nil, binaryMediaType: String? = nil, headers: [(name: String, schema: JSONSchema)] = []) {
        self.schemaName = schemaName
        self.binaryMediaType = binaryMediaType
        self.headers = headers
    }

    public static func == (lhs: ResponseDescription, rhs: ResponseDescription) -> Bool {
        lhs.schemaName == rhs.schemaName && lhs.binaryMediaType == rhs.binaryMediaType
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.schema) == rhs.headers.map(\.schema)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(schemaName)
        hasher.combine(binaryMediaType)
        hasher.combine(headers.map(\.name))
    }

    /// Whether the spec says this response has no body.
    public var hasNoBody: Bool { schemaName == nil && binaryMediaType == nil }
}

/// The body an operation sends.
public struct BodyDescription: Sendable {
    public var schema: JSONSchema
    public var isRequired: Bool
    /// `application/json` or `application/x-www-form-urlencoded`.
    public var mediaType: String

    public init(schema: JSONSchema, isRequired: Bool, mediaType: String = "application/json") {
        self.schema = schema
        self.isRequired = isRequired
        self.mediaType = mediaType
    }
}

/// A parameter of an operation.
public struct ParameterDescription: Sendable {
    /// Where the parameter goes (shared with the spec loader).
    public typealias Location = ParameterLocation

    public var name: String
    public var location: Location
    public var isRequired: Bool
    /// Whether the value is sent as compact JSON text.
    public var isJSON: Bool
    public var description: String?
    /// The Swift argument name the spec gives the parameter, if any.
    public var argument: String?
    /// Swift argument names for the properties of a JSON object parameter.
    public var arguments: [String: String]
    public var schema: JSONSchema

    public init(
        name: String, location: Location, isRequired: Bool, isJSON: Bool = false, description: String? = nil, argument: String? = nil,
        arguments: [String: String] = [:], schema: JSONSchema
    ) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.isJSON = isJSON
        self.description = description
        self.argument = argument
        self.arguments = arguments
        self.schema = schema
    }
}

// MARK: - Their JSON form in the compiled document (written and read here alone)

extension OperationDescription {
    /// Reads operation `id` from its JSON form.
    package init(id: String, _ reader: DocumentReader) throws(DocumentError) {
        let method = try reader.string("method")
        var parameters: [ParameterDescription] = []
        for value in try reader.array("parameters") {
            parameters.append(try ParameterDescription(DocumentReader(value, path: reader.path + "/parameters")))
        }
        var responses: [Int?: ResponseDescription] = [:]
        for (status, value) in try reader.object("responses") {
            guard status == "default" || Int(status) != nil else { throw DocumentError("\(reader.path)/responses/\(status) is no status") }
            responses[status == "default" ? nil : Int(status)] = try ResponseDescription(DocumentReader(value, path: reader.path + "/responses/\(status)"))
        }
        let isIdempotent: Bool
        if case let .bool(flag)? = reader.value["idempotent"] {
            isIdempotent = flag
        } else {
            isIdempotent = Self.isIdempotent(method: method)
        }
        self.init(
            id: id, method: method, path: try reader.string("path"), summary: reader.optionalString("summary"),
            description: reader.optionalString("description"), parameters: parameters,
            body: try reader.member("body").map { reader throws(DocumentError) in try BodyDescription(reader) }, responses: responses,
            paging: try reader.member("paging").map { reader throws(DocumentError) in try Paging(reader) },
            job: try reader.member("job").map { reader throws(DocumentError) in try Job(reader) }, isIdempotent: isIdempotent,
            isDeprecated: reader.value["deprecated"] == .bool(true), apiName: reader.optionalString("api")
        )
    }

    /// The operation's JSON form (its id is its key in the document's `operations`).
    public var json: JSONValue {
        let responses: [(String, JSONValue?)] = self.responses.map { ($0.key.map(String.init) ?? "default", $0.value.json) }
        let members: [(String, JSONValue?)] = [
            ("api", apiName.map(JSONValue.string)),
            ("method", .string(method)),
            ("path", .string(path)),
            ("summary", summary.map(JSONValue.string)),
            ("description", description.map(JSONValue.string)),
            ("parameters", .array(parameters.map(\.json))),
            ("body", body?.json),
            ("idempotent", .bool(isIdempotent)),
            ("deprecated", isDeprecated ? .bool(true) : nil),
            ("responses", .sortedObject(responses)),
            ("paging", paging?.json),
            ("job", job?.json),
        ]
        return .sortedObject(members)
    }
}

extension ResponseDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        guard reader.value.objectValue != nil else { throw DocumentError("\(reader.path) must be an object") }
        var headers: [(name: String, schema: JSONSchema)] = []
        for (index, header) in (reader.value["headers"]?.arrayValue ?? []).enumerated() {
            let entry = DocumentReader(header, path: reader.path + "/headers/\(index)")
            headers.append((try entry.string("name"), try entry.schema("schema")))
        }
        self.init(schemaName: reader.optionalString("schema"), binaryMediaType: reader.optionalString("content"), headers: headers)
    }

    /// `{"schema": NAME}` for a JSON body, `{"content": TYPE}` for bytes, `{}` for none; and
    /// `"headers"`, the declared response headers with their schemas, when there are any.
    public var json: JSONValue {
        .sortedObject([
            ("schema", schemaName.map(JSONValue.string)),
            ("content", schemaName == nil ? binaryMediaType.map(JSONValue.string) : nil),
            ("headers", headers.isEmpty ? nil : .array(headers.map { .sortedObject([("name", .string($0.name)), ("schema", $0.schema.json)]) })),
        ])
    }
}

extension BodyDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        self.init(
            schema: try reader.schema("schema"), isRequired: reader.value["required"] == .bool(true),
            mediaType: reader.optionalString("mediaType") ?? "application/json"
        )
    }

    public var json: JSONValue {
        .sortedObject([("schema", schema.json), ("required", .bool(isRequired)), ("mediaType", .string(mediaType))])
    }
}

extension ParameterDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        let name = try reader.string("name")
        guard let location = Location(rawValue: try reader.string("in")) else {
            throw DocumentError("parameter \(name) has an unknown location")
        }
        self.init(
            name: name, location: location, isRequired: reader.value["required"] == .bool(true), isJSON: reader.optionalString("encoding") == "json",
            description: reader.optionalString("description"), argument: reader.optionalString("argument"),
            arguments: (reader.value["arguments"]?.objectValue?.dictionary ?? [:]).compactMapValues(\.stringValue),
            schema: try reader.schema("schema")
        )
    }

    public var json: JSONValue {
        let members: [(String, JSONValue?)] = [
            ("name", .string(name)),
            ("in", .string(location.rawValue)),
            ("required", .bool(isRequired)),
            ("encoding", .string(isJSON ? "json" : "plain")),
            ("description", description.map(JSONValue.string)),
            ("argument", argument.map(JSONValue.string)),
            ("arguments", arguments.isEmpty ? nil : .object(JSONObject(arguments.mapValues(JSONValue.string)))),
            ("schema", schema.json),
        ]
        return .sortedObject(members)
    }
}
