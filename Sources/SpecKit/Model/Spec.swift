/// A validated API description: what the generator and the runtime work from.
///
/// A `Spec` only exists when loading found no error: operations, schemas and references
/// are consistent. Collections are sorted by name, so everything built from it is deterministic.
public struct Spec: Sendable, Hashable {
    /// The API's name; the generated client is `<api>Client`.
    public var api: String
    public var title: String?
    public var description: String?
    /// Base URLs by name, sorted by name; `default` is the one used unless the caller picks another.
    public var servers: [Server]
    public var auth: Auth
    /// Headers sent on every request, sorted by name.
    public var headers: [SharedHeader]
    /// Operations sorted by id.
    public var operations: [Operation]
    /// Named schemas sorted by name.
    public var schemas: [NamedSchema]

    public init(
        api: String, title: String? = nil, description: String? = nil, servers: [Server], auth: Auth,
        headers: [SharedHeader], operations: [Operation], schemas: [NamedSchema]
    ) {
        self.api = api
        self.title = title
        self.description = description
        self.servers = servers
        self.auth = auth
        self.headers = headers
        self.operations = operations
        self.schemas = schemas
    }

    /// The named schema called `name`.
    public func schema(named name: String) -> NamedSchema? {
        schemas.first { $0.name == name }
    }
}

/// A named base URL.
public struct Server: Sendable, Hashable {
    public var name: String
    public var url: String
}

/// How requests authenticate.
public enum Auth: String, Sendable, Hashable {
    /// `Authorization: Bearer <token>`.
    case bearer
    /// No authentication.
    case none
}

/// A header the client sends on every request.
public struct SharedHeader: Sendable, Hashable {
    /// Where the header's value comes from.
    public enum Source: Sendable, Hashable {
        /// Always this value.
        case fixed(String)
        /// This value unless the caller sets another.
        case defaultValue(String)
        /// A new UUID per call (kept across the call's retries) or per client (caller may override).
        case generatedUUID(per: Scope)
    }

    /// The lifetime of a generated value.
    public enum Scope: String, Sendable, Hashable {
        case call
        case client
    }

    public var name: String
    public var source: Source
    public var description: String?
}

/// A named schema: a model type in the generated code.
public struct NamedSchema: Sendable, Hashable {
    public var name: String
    public var schema: Schema
}

/// One API operation.
public struct Operation: Sendable, Hashable {
    /// The HTTP method.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case GET, POST, PUT, PATCH, DELETE, HEAD
    }

    /// The operation id, unique in the spec; the generated method's name.
    public var id: String
    public var summary: String?
    public var description: String?
    public var method: Method
    /// The path template, e.g. `/v1/customers/{customer-tenant-id}`.
    public var path: String
    /// Parameters sorted by location, then name.
    public var parameters: [Parameter]
    /// Responses sorted by status, `default` last.
    public var responses: [Response]
    public var paging: Paging?
    public var location: SourceLocation

    /// The first success (2xx) response: what the operation returns.
    public var successResponse: Response? {
        responses.first(where: \.isSuccess)
    }
}

/// A path, query or header parameter of an operation.
public struct Parameter: Sendable, Hashable {
    /// Where the parameter goes.
    public enum Location: String, Sendable, Hashable, CaseIterable, Comparable {
        case path, query, header

        public static func < (lhs: Location, rhs: Location) -> Bool {
            (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
        }
    }

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
    public var schema: Schema
    /// The Swift argument name (`argument:`), or nil to derive it from the name.
    public var argumentName: String?
    /// For a JSON-encoded object: Swift argument names for its properties (`arguments:`).
    public var propertyArguments: [String: String]
    /// Where the parameter's name is written.
    public var sourceLocation: SourceLocation
}

/// The body schema returned for one status.
public struct Response: Sendable, Hashable {
    /// An HTTP status or `default` (any status not listed).
    public enum Status: Sendable, Hashable, Comparable {
        case code(Int)
        case `default`
    }

    public var status: Status
    /// The named schema of the body.
    public var schemaName: String
    public var description: String?

    /// Whether the status is a success (2xx).
    public var isSuccess: Bool {
        if case let .code(code) = status { (200...299).contains(code) } else { false }
    }
}

/// How a collection operation pages.
public struct Paging: Sendable, Hashable {
    /// The property of a page that holds its items.
    public var items: String
    /// The property path of the next-page link object, e.g. `["links", "next"]`.
    public var next: [String]
}
