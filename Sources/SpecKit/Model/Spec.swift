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
    public var servers: [APIConnection.Server]
    public var auth: APIConnection.Auth
    /// Headers sent on every request, sorted by name.
    public var headers: [SharedHeaderDescription]
    /// The OAuth 2 scopes a token for this API is asked with (`https://graph.microsoft.com/.default`);
    /// empty: the caller's token provider decides.
    public var scopes: [String] = []
    /// The named schema of this API's error bodies: the `default` response of each of its
    /// operations that declares none.
    public var errorSchema: String?
    /// The other APIs some operations call (`apis:`), sorted by name: each with its own
    /// servers, token scopes, shared headers and error schema.
    public var otherAPIs: [APIConnection] = []
    /// Operations sorted by id.
    public var operations: [OperationDescription]
    /// Named schemas sorted by name.
    public var schemas: [NamedSchema]
    /// The files the spec was loaded from, in the order they were read (those given, then
    /// those their `$ref`s name).
    public var files: [SpecFile] = []
    /// Where each part of the description starts in the spec's text, by JSON pointer: every
    /// schema under `schemas:` (`/schemas/Customer`, `/schemas/Customer/properties/companyProfile`;
    /// a `$ref` where its `$ref` key is) and every operation (`/operations/getCustomer`, its
    /// mapping). Schemas and operations are plain ``JSONSchema`` and ``OperationDescription``
    /// values; this side table is how a check on them points at the character, and how the
    /// generator knows an operation's file.
    public var locations: [String: SourceLocation] = [:]
    /// What loading found questionable but not wrong, sorted by position, each of severity
    /// `.warning`: an operation that is not deprecated using a schema that is. Tools print
    /// them and go on.
    public var warnings: [Diagnostic] = []

    public init(
        api: String, title: String? = nil, description: String? = nil, servers: [APIConnection.Server], auth: APIConnection.Auth,
        headers: [SharedHeaderDescription], operations: [OperationDescription], schemas: [NamedSchema]
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

    /// Where operation `id` is written; for one the loader did not read (a spec built in
    /// code), the start of the spec's first file.
    public func location(ofOperation id: String) -> SourceLocation {
        locations["/operations/" + JSONPointer.escape(id)] ?? SourceLocation(file: files.first?.path ?? "", line: 1, column: 1)
    }

    /// The API the spec is named after (`api:`), with its servers, scopes and headers.
    public var mainAPI: APIConnection {
        APIConnection(
            name: api, title: title, description: description, servers: servers, auth: auth, scopes: scopes, headers: headers,
            errorSchema: errorSchema
        )
    }

    /// Every API of the spec: the main one first, then ``otherAPIs``.
    public var apis: [APIConnection] { [mainAPI] + otherAPIs }

    /// The API `operation` belongs to.
    public func api(of operation: OperationDescription) -> APIConnection {
        operation.apiName.flatMap { name in otherAPIs.first { $0.name == name } } ?? mainAPI
    }
}

/// A file a spec was loaded from.
public struct SpecFile: Sendable, Hashable {
    /// The path as the loader was given it (a `$ref`'s resolved against its file's).
    public var path: String
    /// Its size in bytes.
    public var byteCount: Int

    public init(path: String, byteCount: Int) {
        self.path = path
        self.byteCount = byteCount
    }
}

/// A named schema: a model type in the generated code.
public struct NamedSchema: Sendable, Hashable {
    public var name: String
    public var schema: JSONSchema
    /// Where the name is declared (its key under `schemas:`).
    public var location: SourceLocation
}
