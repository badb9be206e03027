import JSONValues

/// One API of a spec: where it is served, how its requests authenticate, what they all carry.
///
/// A spec has a main API (its `api:`, `servers:`… at the top of the main file) and may name
/// others under `apis:`; a file (`belongsTo:`) or an operation (`belongsTo:`) places its
/// operations in one of them. The spec loader reads it, the generator writes it into the
/// compiled document (``jsonMembers``) and the runtime reads it back (``init(name:_:)``).
public struct APIConnection: Sendable, Hashable {
    /// How requests authenticate.
    public enum Auth: String, Sendable, Hashable {
        /// `Authorization: Bearer <token>`.
        case bearer
        /// No authentication.
        case none
    }

    /// The name: an identifier (`PartnerCenter`, `Graph`), also the upper-case part of its
    /// environment variables (`PARTNER_CENTER_GRAPH_BASE_URL` for `Graph`).
    public var name: String
    public var title: String?
    public var description: String?
    /// Base URLs by server name; one is `default`.
    public var servers: [String: String]
    public var auth: Auth
    /// The OAuth 2 scopes of its tokens (`https://graph.microsoft.com/.default`); empty when
    /// the spec leaves them to the token provider.
    public var scopes: [String]
    /// Headers sent on every request to this API, sorted by name.
    public var headers: [SharedHeaderDescription]
    /// The named schema of its error bodies, the `default` response of its operations that declare none.
    public var errorSchema: String?

    public init(
        name: String, title: String? = nil, description: String? = nil, servers: [String: String] = [:], auth: Auth = .bearer, scopes: [String] = [],
        headers: [SharedHeaderDescription] = [], errorSchema: String? = nil
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.servers = servers
        self.auth = auth
        self.scopes = scopes
        self.headers = headers
        self.errorSchema = errorSchema
    }

    /// Whether requests carry `Authorization: Bearer …`.
    public var usesBearerAuth: Bool { auth == .bearer }

    /// The servers sorted by name: how the generator lists them.
    package var serversByName: [(name: String, url: String)] {
        servers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

/// A header sent on every request of an API.
public struct SharedHeaderDescription: Sendable, Hashable {
    /// Where its value comes from.
    public enum Source: Sendable, Hashable {
        /// Always this value.
        case fixed(String)
        /// This value unless the caller sets another.
        case defaultValue(String)
        /// A new UUID per call, kept across the call's retries.
        case uuidPerCall
        /// A new UUID per client; the caller may set another.
        case uuidPerClient
    }

    public var name: String
    public var source: Source
    public var description: String?
    /// `required:`, whether the service refuses a request without it; nil: a generated header
    /// is, a fixed or default one is not. Only the OpenAPI export says it (the client always
    /// sends it).
    public var declaredRequired: Bool?

    public init(name: String, source: Source, description: String? = nil, declaredRequired: Bool? = nil) {
        self.name = name
        self.source = source
        self.description = description
        self.declaredRequired = declaredRequired
    }

    /// Whether its value is a generated UUID.
    public var isGenerated: Bool { source.uuidScope != nil }

    /// Whether the service refuses a request without it.
    public var isRequired: Bool { declaredRequired ?? isGenerated }
}

extension SharedHeaderDescription.Source {
    /// How long a generated UUID lives, as the spec and the compiled document spell it (`per:`).
    package static let uuidScopes = ["call", "client"]

    /// A new UUID per `scope`, one of ``uuidScopes``; nil for another word.
    package static func uuid(per scope: String) -> Self? {
        switch scope {
        case "call": .uuidPerCall
        case "client": .uuidPerClient
        default: nil
        }
    }

    /// `call` or `client` for a generated UUID; nil for a fixed or default value.
    package var uuidScope: String? {
        switch self {
        case .uuidPerCall: "call"
        case .uuidPerClient: "client"
        case .fixed, .defaultValue: nil
        }
    }
}

// MARK: - Their JSON form in the compiled document (written and read here alone)

extension APIConnection {
    package init(name: String, _ reader: DocumentReader) throws(DocumentError) {
        var servers: [String: String] = [:]
        for (server, value) in try reader.object("servers") {
            guard let url = value.stringValue else { throw DocumentError("server \(server) is not a string") }
            servers[server] = url
        }
        var headers: [SharedHeaderDescription] = []
        for value in try reader.array("headers") {
            headers.append(try SharedHeaderDescription(DocumentReader(value, path: reader.path + "/headers")))
        }
        self.init(
            name: name, title: reader.optionalString("title"), description: reader.optionalString("description"),
            servers: servers, auth: try reader.string("auth") == "bearer" ? .bearer : .none,
            scopes: (reader.value["scopes"]?.arrayValue ?? []).compactMap(\.stringValue), headers: headers,
            errorSchema: reader.optionalString("error")
        )
    }

    /// The members it writes into the object that describes it: `auth`, `headers`, `servers`,
    /// and `description`, `error`, `scopes` and `title` when it has them.
    var jsonMembers: [(String, JSONValue?)] {
        [
            ("title", title.map(JSONValue.string)),
            ("description", description.map(JSONValue.string)),
            ("auth", .string(auth.rawValue)),
            ("headers", .array(headers.map(\.json))),
            ("scopes", scopes.isEmpty ? nil : .strings(scopes)),
            ("servers", .sortedObject(servers.map { ($0.key, .string($0.value)) })),
            ("error", errorSchema.map(JSONValue.string)),
        ]
    }
}

extension SharedHeaderDescription {
    package init(_ reader: DocumentReader) throws(DocumentError) {
        let source: Source
        if let value = reader.optionalString("value") {
            source = .fixed(value)
        } else if let value = reader.optionalString("default") {
            source = .defaultValue(value)
        } else {
            source = reader.optionalString("per").flatMap(Source.uuid(per:)) ?? .uuidPerCall
        }
        var declaredRequired: Bool?
        if case let .bool(flag)? = reader.value["required"] { declaredRequired = flag }
        self.init(name: try reader.string("name"), source: source, description: reader.optionalString("description"), declaredRequired: declaredRequired)
    }

    public var json: JSONValue {
        let members: [(String, JSONValue?)] = switch source {
        case let .fixed(value): [("value", .string(value))]
        case let .defaultValue(value): [("default", .string(value))]
        case .uuidPerCall, .uuidPerClient: [("generate", .string("uuid")), ("per", source.uuidScope.map(JSONValue.string))]
        }
        return .sortedObject(
            [("name", .string(name)), ("description", description.map(JSONValue.string)), ("required", declaredRequired.map(JSONValue.bool))]
                + members
        )
    }
}
