import JSONValues

/// The compiled spec: the one description of an API that the generator writes (``json``, into
/// `CompiledSpec.swift`) and the runtime reads (``init(json:)``). Its main API's connection,
/// the others' (`apis`), every operation and every named schema.
public struct CompiledDocument: Sendable {
    /// The main API's name (the spec's `api:`).
    public var api: String
    /// Every API of the spec by name, the main one included.
    public var apis: [String: APIConnection]
    /// Operations by id.
    public var operations: [String: OperationDescription]
    /// Named schemas, for `$ref`.
    public var schemas: [String: JSONSchema]

    public init(api: String, apis: [String: APIConnection], operations: [String: OperationDescription], schemas: [String: JSONSchema]) {
        self.api = api
        self.apis = apis
        self.operations = operations
        self.schemas = schemas
    }

    /// Reads the document from its JSON form.
    /// - Throws: ``DocumentError`` naming the part that is missing or of the wrong kind (a
    ///   document of another generator version).
    public init(json: JSONValue) throws(DocumentError) {
        let reader = DocumentReader(json, path: "")
        let api = try reader.string("api")
        var apis = [api: try APIConnection(name: api, reader)]
        for (name, value) in json["apis"]?.objectValue?.dictionary ?? [:] {
            apis[name] = try APIConnection(name: name, DocumentReader(value, path: "apis/\(name)"))
        }
        var schemas: [String: JSONSchema] = [:]
        for (name, value) in try reader.object("schemas") {
            do {
                schemas[name] = try JSONSchema(json: value, path: [name])
            } catch {
                throw DocumentError("schemas\(error.pointer): \(error.message)")
            }
        }
        var operations: [String: OperationDescription] = [:]
        for (id, value) in try reader.object("operations") {
            operations[id] = try OperationDescription(id: id, DocumentReader(value, path: "operations/\(id)"))
        }
        self.init(api: api, apis: apis, operations: operations, schemas: schemas)
    }

    /// The document's JSON form: the main API's connection at the top, the others under `apis`.
    public var json: JSONValue {
        let others = apis.values.filter { $0.name != api }
        let main = apis[api] ?? APIConnection(name: api)
        return .sortedObject(
            [
                ("api", .string(api)),
                ("apis", others.isEmpty ? nil : .sortedObject(others.map { ($0.name, .sortedObject($0.jsonMembers)) })),
                ("operations", .sortedObject(operations.map { ($0.key, $0.value.json) })),
                ("schemas", .sortedObject(schemas.map { ($0.key, $0.value.json) })),
            ] + main.jsonMembers
        )
    }
}

/// One API of the spec: where it is served, how its requests authenticate, the headers they
/// all carry.
public struct APIConnection: Sendable {
    /// Its name in the spec (`PartnerCenter`, `Graph`).
    public var name: String
    /// Whether requests carry `Authorization: Bearer …`.
    public var usesBearerAuth: Bool
    /// Base URLs by server name.
    public var servers: [String: String]
    public var headers: [SharedHeaderDescription]
    /// The OAuth 2 scopes of its tokens (`https://graph.microsoft.com/.default`); empty
    /// when the spec leaves them to the token provider.
    public var scopes: [String]

    public init(name: String, usesBearerAuth: Bool = false, servers: [String: String] = [:], headers: [SharedHeaderDescription] = [], scopes: [String] = []) {
        self.name = name
        self.usesBearerAuth = usesBearerAuth
        self.servers = servers
        self.headers = headers
        self.scopes = scopes
    }

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
            name: name, usesBearerAuth: try reader.string("auth") == "bearer", servers: servers, headers: headers,
            scopes: (reader.value["scopes"]?.arrayValue ?? []).compactMap(\.stringValue)
        )
    }

    /// The members it writes into the object that describes it: `auth`, `headers`, `scopes`
    /// (when there are some) and `servers`.
    var jsonMembers: [(String, JSONValue?)] {
        [
            ("auth", .string(usesBearerAuth ? "bearer" : "none")),
            ("headers", .array(headers.map(\.json))),
            ("scopes", scopes.isEmpty ? nil : .strings(scopes)),
            ("servers", .sortedObject(servers.map { ($0.key, .string($0.value)) })),
        ]
    }
}

/// A header sent on every request of an API.
public struct SharedHeaderDescription: Sendable, Hashable {
    /// Where its value comes from.
    public enum Source: Sendable, Hashable {
        case fixed(String)
        case defaultValue(String)
        case uuidPerCall
        case uuidPerClient
    }

    public var name: String
    public var source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    package init(_ reader: DocumentReader) throws(DocumentError) {
        let source: Source
        if let value = reader.optionalString("value") {
            source = .fixed(value)
        } else if let value = reader.optionalString("default") {
            source = .defaultValue(value)
        } else {
            source = reader.optionalString("per") == "client" ? .uuidPerClient : .uuidPerCall
        }
        self.init(name: try reader.string("name"), source: source)
    }

    public var json: JSONValue {
        let members: [(String, JSONValue?)] = switch source {
        case let .fixed(value): [("value", .string(value))]
        case let .defaultValue(value): [("default", .string(value))]
        case .uuidPerCall: [("generate", .string("uuid")), ("per", .string("call"))]
        case .uuidPerClient: [("generate", .string("uuid")), ("per", .string("client"))]
        }
        return .sortedObject([("name", .string(name))] + members)
    }
}
