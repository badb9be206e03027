import Foundation

/// The compiled spec a generated client embeds: servers, shared headers, operations and the
/// schemas that requests and responses are validated against.
///
/// It is read once, when first used. A document that cannot be read (a generator and
/// runtime of different versions) does not trap: every call then fails with
/// `APIError.Kind.invalidDocument`.
public final class APIDocument: Sendable {
    private let contents: Result<Contents, APIError>

    /// Reads the document from its JSON text.
    public init(json: String) {
        do {
            contents = .success(try Contents(json: JSONParser.parse(Data(json.utf8))))
        } catch let error as APIError {
            contents = .failure(error)
        } catch {
            contents = .failure(APIError(.invalidDocument("\(error)")))
        }
    }

    /// The document's contents, or the error that reading it gave.
    public func get() throws(APIError) -> Contents {
        try contents.get()
    }

    /// What a compiled spec holds.
    public struct Contents: Sendable {
        /// The main API's name (the spec's `api:`).
        public var api: String
        /// Every API of the spec by name, the main one included: its servers, headers, scopes.
        public var apis: [String: API]
        /// Operations by id.
        public var operations: [String: OperationDescription]
        /// Named schemas, for `$ref`.
        public var schemas: SchemaRegistry

        /// The main API.
        public var mainAPI: API { apis[api] ?? API(name: api) }
        /// Whether the main API's requests carry `Authorization: Bearer …`.
        public var usesBearerAuth: Bool { mainAPI.usesBearerAuth }
        /// The main API's base URLs by server name.
        public var servers: [String: String] { mainAPI.servers }
        /// The main API's shared headers.
        public var headers: [SharedHeader] { mainAPI.headers }

        /// The spec's APIs besides the main one (`apis:`), sorted by name.
        public var otherAPIs: [API] {
            apis.values.filter { $0.name != api }.sorted { $0.name < $1.name }
        }

        /// The API `operation` belongs to.
        public func api(of operation: OperationDescription) -> API {
            operation.apiName.flatMap { apis[$0] } ?? mainAPI
        }

        init(json: JSONValue) throws(APIError) {
            let reader = DocumentReader(json, path: "")
            api = try reader.string("api")
            var apis = [api: try API(name: api, reader)]
            for (name, value) in (json["apis"]?.objectValue?.dictionary ?? [:]) {
                apis[name] = try API(name: name, DocumentReader(value, path: "apis/\(name)"))
            }
            self.apis = apis
            let schemaTable = try reader.object("schemas")
            do throws(JSONSchemaError) {
                schemas = try SchemaRegistry(json: .object(schemaTable))
            } catch {
                throw APIError(.invalidDocument("schemas\(error.pointer): \(error.message)"))
            }
            var operations: [String: OperationDescription] = [:]
            for (id, value) in try reader.object("operations") {
                operations[id] = try OperationDescription(id: id, DocumentReader(value, path: "operations/\(id)"))
            }
            self.operations = operations
        }
    }

    /// One API of the spec: where it is served, how its requests authenticate, the headers
    /// they all carry.
    public struct API: Sendable {
        /// Its name in the spec (`PartnerCenter`, `Graph`).
        public var name: String
        /// Whether requests carry `Authorization: Bearer …`.
        public var usesBearerAuth: Bool
        /// Base URLs by server name.
        public var servers: [String: String]
        public var headers: [SharedHeader]
        /// The OAuth 2 scopes of its tokens (`https://graph.microsoft.com/.default`); empty
        /// when the spec leaves them to the token provider.
        public var scopes: [String]

        /// An API with no servers, headers or scopes.
        init(name: String) {
            self.name = name
            usesBearerAuth = false
            servers = [:]
            headers = []
            scopes = []
        }

        init(name: String, _ reader: DocumentReader) throws(APIError) {
            self.name = name
            usesBearerAuth = try reader.string("auth") == "bearer"
            var servers: [String: String] = [:]
            for (server, value) in try reader.object("servers") {
                guard let url = value.stringValue else { throw APIError(.invalidDocument("server \(server) is not a string")) }
                servers[server] = url
            }
            self.servers = servers
            var headers: [SharedHeader] = []
            for value in try reader.array("headers") {
                headers.append(try SharedHeader(DocumentReader(value, path: reader.path + "/headers")))
            }
            self.headers = headers
            scopes = (reader.value["scopes"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
    }

    /// A header sent on every request.
    public struct SharedHeader: Sendable, Hashable {
        /// Where its value comes from.
        public enum Source: Sendable, Hashable {
            case fixed(String)
            case defaultValue(String)
            case uuidPerCall
            case uuidPerClient
        }

        public var name: String
        public var source: Source

        init(_ reader: DocumentReader) throws(APIError) {
            name = try reader.string("name")
            if let value = reader.optionalString("value") {
                source = .fixed(value)
            } else if let value = reader.optionalString("default") {
                source = .defaultValue(value)
            } else {
                source = reader.optionalString("per") == "client" ? .uuidPerClient : .uuidPerCall
            }
        }
    }
}

/// One operation of the compiled spec.
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

    init(id: String, _ reader: DocumentReader) throws(APIError) {
        self.id = id
        apiName = reader.optionalString("api")
        method = try reader.string("method")
        path = try reader.string("path")
        summary = reader.optionalString("summary")
        description = reader.optionalString("description")
        var parameters: [ParameterDescription] = []
        for value in try reader.array("parameters") {
            parameters.append(try ParameterDescription(DocumentReader(value, path: reader.path + "/parameters")))
        }
        self.parameters = parameters
        if let body = reader.value["body"] {
            self.body = try BodyDescription(DocumentReader(body, path: reader.path + "/body"))
        }
        if case let .bool(flag)? = reader.value["idempotent"] {
            isIdempotent = flag
        } else {
            isIdempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
        }
        isDeprecated = reader.value["deprecated"] == .bool(true)
        var responses: [Int?: ResponseDescription] = [:]
        for (status, value) in try reader.object("responses") {
            guard status == "default" || Int(status) != nil else { throw APIError(.invalidDocument("\(reader.path)/responses/\(status) is no status")) }
            responses[status == "default" ? nil : Int(status)] = try ResponseDescription(DocumentReader(value, path: reader.path + "/responses/\(status)"))
        }
        self.responses = responses
        if let paging = reader.value["paging"] {
            self.paging = try Paging(DocumentReader(paging, path: reader.path + "/paging"))
        }
        if let job = reader.value["job"] {
            self.job = try Job(DocumentReader(job, path: reader.path + "/job"))
        }
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

    init(_ reader: DocumentReader) throws(APIError) {
        guard reader.value.objectValue != nil else { throw APIError(.invalidDocument("\(reader.path) must be an object")) }
        schemaName = reader.optionalString("schema")
        binaryMediaType = reader.optionalString("content")
        headers = []
        for (index, header) in (reader.value["headers"]?.arrayValue ?? []).enumerated() {
            let entry = DocumentReader(header, path: reader.path + "/headers/\(index)")
            let name = try entry.string("name")
            guard let schema = header["schema"] else { throw APIError(.invalidDocument("\(entry.path)/schema is missing")) }
            do {
                headers.append((name, try JSONSchema(json: schema)))
            } catch {
                throw APIError(.invalidDocument("\(entry.path)/schema: \(error)"))
            }
        }
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

    init(_ reader: DocumentReader) throws(APIError) {
        guard let schema = reader.value["schema"] else { throw APIError(.invalidDocument("\(reader.path)/schema is missing")) }
        do {
            self.schema = try JSONSchema(json: schema)
        } catch {
            throw APIError(.invalidDocument("\(reader.path)/schema: \(error)"))
        }
        isRequired = reader.value["required"] == .bool(true)
        mediaType = reader.optionalString("mediaType") ?? "application/json"
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

    init(_ reader: DocumentReader) throws(APIError) {
        name = try reader.string("name")
        guard let location = Location(rawValue: try reader.string("in")) else {
            throw APIError(.invalidDocument("parameter \(name) has an unknown location"))
        }
        self.location = location
        isRequired = reader.value["required"] == .bool(true)
        isJSON = reader.optionalString("encoding") == "json"
        description = reader.optionalString("description")
        argument = reader.optionalString("argument")
        arguments = (reader.value["arguments"]?.objectValue?.dictionary ?? [:]).compactMapValues(\.stringValue)
        guard let schema = reader.value["schema"] else { throw APIError(.invalidDocument("parameter \(name) has no schema")) }
        do {
            self.schema = try JSONSchema(json: schema)
        } catch {
            throw APIError(.invalidDocument("parameter \(name): \(error)"))
        }
    }
}

extension Paging {
    /// The items of `page`, a page's JSON.
    public func items(of page: JSONValue) -> [JSONValue] {
        (items.map { page[$0] } ?? page)?.arrayValue ?? []
    }

    init(_ reader: DocumentReader) throws(APIError) {
        let style: Style
        if let offset = reader.optionalString("offset") {
            style = .offset(parameter: offset, size: reader.optionalString("size"), total: reader.optionalString("total"))
        } else if let header = reader.optionalString("nextHeader") {
            style = .continuationHeader(header)
        } else {
            style = .nextLink(try reader.array("next").compactMap(\.stringValue))
        }
        self.init(items: reader.optionalString("items"), style: style)
    }
}

/// Typed reads of the document's JSON, failing with `invalidDocument`.
struct DocumentReader {
    let value: JSONValue
    let path: String

    init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    func string(_ key: String) throws(APIError) -> String {
        guard let text = value[key]?.stringValue else { throw missing(key, "a string") }
        return text
    }

    func optionalString(_ key: String) -> String? {
        value[key]?.stringValue
    }

    func object(_ key: String) throws(APIError) -> JSONObject {
        guard let object = value[key]?.objectValue else { throw missing(key, "an object") }
        return object
    }

    func array(_ key: String) throws(APIError) -> [JSONValue] {
        guard let array = value[key]?.arrayValue else { throw missing(key, "an array") }
        return array
    }

    private func missing(_ key: String, _ kind: String) -> APIError {
        APIError(.invalidDocument("\(path)/\(key) must be \(kind)"))
    }
}

extension APIDocument {
    /// Every API of the spec besides the main one reached at `baseURL` with `tokenProvider`:
    /// the `apis` of an ``APIClient`` for a stand-in that serves them all on one origin (a
    /// local stub; paths keep their version prefix, so they do not collide).
    public func endpoints(allAt baseURL: URL, tokenProvider: (any TokenProvider)?) -> [String: APIClient.Endpoint] {
        guard let contents = try? get() else { return [:] }
        var endpoints: [String: APIClient.Endpoint] = [:]
        for api in contents.otherAPIs {
            endpoints[api.name] = APIClient.Endpoint(baseURL: baseURL, tokenProvider: tokenProvider)
        }
        return endpoints
    }
}
