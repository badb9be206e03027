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
