/// One operation of an API: what the spec loader reads from the YAML, the generator writes
/// into the compiled document (``json``) and the runtime reads back (``init(id:_:)``). One
/// type from spec to runtime; only source locations stay with the loader.
public struct OperationDescription: Sendable, Hashable {
    /// The HTTP method.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case GET, POST, PUT, PATCH, DELETE, HEAD
    }

    /// The operation id, unique in the spec; the generated method's name.
    public var id: String
    /// What the operation says to people: its `summary`, `description` and flags (`deprecated`).
    public var annotations: Annotations
    public var method: Method
    /// The path template, e.g. `/v1/customers/{customer-tenant-id}`.
    public var path: String
    /// Parameters sorted by location, then name.
    public var parameters: [ParameterDescription]
    /// The request body, when the operation sends one.
    public var body: BodyDescription?
    /// Responses sorted by status, `default` last.
    public var responses: [ResponseDescription]
    public var paging: Paging?
    /// For an operation that starts a job (`202` + `Location`): how to wait for it, where its result is.
    public var job: Job?
    /// What `idempotent:` says, or nil to go by the method.
    public var declaredIdempotent: Bool?
    /// The API of the spec's `apis:` the operation belongs to; nil for the main API.
    public var apiName: String?

    public init(
        id: String, annotations: Annotations = Annotations(), method: Method, path: String, parameters: [ParameterDescription] = [],
        body: BodyDescription? = nil, responses: [ResponseDescription], paging: Paging? = nil, job: Job? = nil, declaredIdempotent: Bool? = nil,
        apiName: String? = nil
    ) {
        self.id = id
        self.annotations = annotations
        self.method = method
        self.path = path
        self.parameters = parameters
        self.body = body
        self.responses = responses
        self.paging = paging
        self.job = job
        self.declaredIdempotent = declaredIdempotent
        self.apiName = apiName
    }

    /// Whether repeating a request of `method` is safe by HTTP's semantics: what an operation
    /// is when the spec does not say (`idempotent:`), and a next-page link's request.
    public static func isIdempotent(method: String) -> Bool {
        ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains(method)
    }

    /// Whether a failure whose effect is unknown (5xx, timeout, dropped connection) may be
    /// retried: `idempotent:` when given, otherwise the method's own semantics (true for
    /// `GET`, `HEAD`, `PUT` and `DELETE`).
    public var isIdempotent: Bool {
        declaredIdempotent ?? Self.isIdempotent(method: method.rawValue)
    }

    /// The success (2xx) responses, by status: what the operation returns.
    public var successResponses: [ResponseDescription] {
        responses.filter(\.isSuccess)
    }

    /// The first success (2xx) response.
    public var successResponse: ResponseDescription? {
        responses.first(where: \.isSuccess)
    }

    /// The success statuses the spec lists, ascending.
    public var successStatuses: [Int] {
        successResponses.compactMap(\.code)
    }

    /// The response the spec lists for exactly `status` (`.default`: its `default` one).
    public func response(_ status: ResponseDescription.Status) -> ResponseDescription? {
        responses.first { $0.status == status }
    }

    /// The response the spec declares for `status`, or for an error status its `default`
    /// one; nil for a success status it does not list.
    public func response(for status: Int) -> ResponseDescription? {
        if let response = response(.code(status)) { return response }
        return (200...299).contains(status) ? nil : response(.default)
    }
}

/// What an operation answers with one status: a JSON body of a named schema, bytes of
/// another media type, or no body; and the headers it declares.
public struct ResponseDescription: Sendable, Hashable {
    /// An HTTP status or `default` (any status not listed).
    public enum Status: Sendable, Hashable, Comparable {
        case code(Int)
        case `default`
    }

    /// What the body holds.
    public enum Body: Sendable, Hashable {
        /// JSON of this named schema.
        case json(schemaName: String)
        /// Bytes of this media type (`application/pdf`…), streamed, not parsed.
        case binary(mediaType: String)
        /// No body (`204`, or a `202` that only points at `Location`).
        case none
    }

    public var status: Status
    public var body: Body
    public var description: String?
    /// Headers the response declares (`Location`, `Retry-After`, `ETag`…), sorted by name.
    public var headers: [ResponseHeaderDescription]

    public init(status: Status, body: Body = .none, description: String? = nil, headers: [ResponseHeaderDescription] = []) {
        self.status = status
        self.body = body
        self.description = description
        self.headers = headers
    }

    /// The status code; nil for `default`.
    public var code: Int? {
        if case let .code(code) = status { code } else { nil }
    }

    /// Whether the status is a success (2xx).
    public var isSuccess: Bool {
        code.map { (200...299).contains($0) } ?? false
    }

    /// The named schema of a JSON body.
    public var schemaName: String? {
        if case let .json(name) = body { name } else { nil }
    }

    /// The media type of a body of bytes (`application/pdf`…).
    public var binaryMediaType: String? {
        if case let .binary(mediaType) = body { mediaType } else { nil }
    }

    /// Whether the spec says this response has no body.
    public var hasNoBody: Bool { body == .none }
}

/// A header a response declares.
public struct ResponseHeaderDescription: Sendable, Hashable {
    public var name: String
    public var schema: JSONSchema
    public var description: String?

    public init(name: String, schema: JSONSchema, description: String? = nil) {
        self.name = name
        self.schema = schema
        self.description = description
    }
}

/// The body an operation sends.
public struct BodyDescription: Sendable, Hashable {
    /// How the body is written.
    public enum MediaType: String, Sendable, Hashable, CaseIterable {
        /// JSON text, numbers exactly as given.
        case json = "application/json"
        /// `name=value&…` pairs of the top-level members of an object, percent-encoded.
        case formURLEncoded = "application/x-www-form-urlencoded"
    }

    public var schema: JSONSchema
    public var isRequired: Bool
    public var mediaType: MediaType
    public var description: String?

    public init(schema: JSONSchema, isRequired: Bool, mediaType: MediaType = .json, description: String? = nil) {
        self.schema = schema
        self.isRequired = isRequired
        self.mediaType = mediaType
        self.description = description
    }
}

/// A path, query or header parameter of an operation.
public struct ParameterDescription: Sendable, Hashable {
    /// Where the parameter goes.
    public typealias Location = ParameterLocation

    /// How the value is written into the request.
    public enum Encoding: String, Sendable, Hashable {
        /// The value's text.
        case plain
        /// The value as compact JSON text (then percent-encoded in a query).
        case json
    }

    public var name: String
    public var location: Location
    public var isRequired: Bool
    public var encoding: Encoding
    public var description: String?
    public var schema: JSONSchema
    /// The Swift argument name (`argument:`), or nil to derive it from the name.
    public var argumentName: String?
    /// For a JSON-encoded object: Swift argument names for its properties (`arguments:`).
    public var propertyArguments: [String: String]

    public init(
        name: String, location: Location, isRequired: Bool, encoding: Encoding = .plain, description: String? = nil, schema: JSONSchema,
        argumentName: String? = nil, propertyArguments: [String: String] = [:]
    ) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.encoding = encoding
        self.description = description
        self.schema = schema
        self.argumentName = argumentName
        self.propertyArguments = propertyArguments
    }

    /// Whether the value is sent as compact JSON text.
    public var isJSON: Bool { encoding == .json }
}
