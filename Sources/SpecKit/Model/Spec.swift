/// A validated API description: what the generator and the runtime work from.
///
/// A `Spec` only exists when loading found no error: operations, schemas and references
/// are consistent. Collections are sorted by name, so everything built from it is deterministic.
public struct Spec: Sendable, Hashable {
    /// The API the spec is named after (`api:`, at the top of its main file): its name (the
    /// generated client is `<name>Client`), servers (`default` is the one used unless the
    /// caller picks another), auth, token scopes, shared headers and error schema.
    public var mainAPI: APIConnection
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

    public init(mainAPI: APIConnection, operations: [OperationDescription], schemas: [NamedSchema]) {
        self.mainAPI = mainAPI
        self.operations = operations
        self.schemas = schemas
    }

    /// The main API's name; the generated client is `<api>Client`.
    public var api: String { mainAPI.name }
    /// The main API's shared headers, sorted by name.
    public var headers: [SharedHeaderDescription] { mainAPI.headers }

    /// The named schema called `name`.
    public func schema(named name: String) -> NamedSchema? {
        schemas.first { $0.name == name }
    }

    /// Where operation `id` is written; for one the loader did not read (a spec built in
    /// code), the start of the spec's first file.
    public func location(ofOperation id: String) -> SourceLocation {
        location(at: "/operations/" + JSONPointer.escape(id))
    }

    /// Where the named schema `name` is written; for one the loader did not read, the start of
    /// the spec's first file.
    public func location(ofSchema name: String) -> SourceLocation {
        location(at: "/schemas/" + JSONPointer.escape(name))
    }

    private func location(at pointer: String) -> SourceLocation {
        locations[pointer] ?? SourceLocation(file: files.first?.path ?? "", line: 1, column: 1)
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

}

/// A named schema: a model type in the generated code.
public struct NamedSchema: Sendable, Hashable {
    public var name: String
    public var schema: JSONSchema
}
