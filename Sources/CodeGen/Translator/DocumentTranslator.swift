import APIDescription
import JSONValues
import SpecKit

/// Compiles the spec into the document the runtime interprets (``CompiledDocument``): servers,
/// shared headers, operations (parameters, responses, paging, jobs) and the schemas responses
/// are validated against. The document's types write their own JSON form, which the runtime
/// reads back with them: one key contract, in `APIDescription`.
///
/// Shared behaviour lives in the runtime, generic over this document, so the generated code
/// per operation stays a few lines long.
enum DocumentTranslator {
    /// The compiled document's JSON, as `CompiledSpec.swift` embeds it.
    static func document(for spec: Spec) -> JSONValue {
        compiled(spec).json
    }

    static func compiled(_ spec: Spec) -> CompiledDocument {
        var apis = [spec.api: connection(of: spec.mainAPI, named: spec.api)]
        for api in spec.otherAPIs { apis[api.name] = connection(of: api, named: api.name) }
        return CompiledDocument(
            api: spec.api, apis: apis,
            operations: Dictionary(spec.operations.map { ($0.id, operation($0)) }) { first, _ in first },
            schemas: Dictionary(spec.schemas.map { ($0.name, $0.schema) }) { first, _ in first }
        )
    }

    /// How an API is reached: its auth, headers, scopes and servers.
    private static func connection(of api: API, named name: String) -> APIConnection {
        APIConnection(
            name: name, usesBearerAuth: api.auth == .bearer, servers: Dictionary(api.servers.map { ($0.name, $0.url) }) { first, _ in first },
            headers: api.headers.map(header), scopes: api.scopes
        )
    }

    private static func header(_ header: SharedHeader) -> SharedHeaderDescription {
        let source: SharedHeaderDescription.Source = switch header.source {
        case let .fixed(value): .fixed(value)
        case let .defaultValue(value): .defaultValue(value)
        case let .generatedUUID(scope): scope == .client ? .uuidPerClient : .uuidPerCall
        }
        return SharedHeaderDescription(name: header.name, source: source)
    }

    private static func operation(_ operation: Operation) -> OperationDescription {
        OperationDescription(
            id: operation.id, method: operation.method.rawValue, path: operation.path, summary: operation.summary,
            description: operation.description, parameters: operation.parameters.map(parameter), body: operation.body.map(body),
            responses: Dictionary(operation.responses.map { (statusCode($0.status), response($0)) }) { first, _ in first },
            paging: operation.paging, job: operation.job, isIdempotent: operation.isIdempotent, isDeprecated: operation.isDeprecated,
            apiName: operation.apiName
        )
    }

    private static func body(_ body: RequestBody) -> BodyDescription {
        BodyDescription(schema: body.schema, isRequired: body.isRequired, mediaType: body.mediaType.rawValue)
    }

    private static func response(_ response: Response) -> ResponseDescription {
        var description = ResponseDescription(headers: response.headers.map { ($0.name, $0.schema) })
        switch response.body {
        case let .json(name): description.schemaName = name
        case let .binary(mediaType): description.binaryMediaType = mediaType
        case .none: break
        }
        return description
    }

    private static func parameter(_ parameter: Parameter) -> ParameterDescription {
        ParameterDescription(
            name: parameter.name, location: parameter.location, isRequired: parameter.isRequired, isJSON: parameter.encoding == .json,
            description: parameter.description, argument: parameter.argumentName, arguments: parameter.propertyArguments,
            schema: parameter.schema
        )
    }

    /// The status as the document keys it: nil for `default`.
    private static func statusCode(_ status: Response.Status) -> Int? {
        switch status {
        case let .code(code): code
        case .default: nil
        }
    }

}
