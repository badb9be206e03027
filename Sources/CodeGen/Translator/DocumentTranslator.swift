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
            operations: Dictionary(spec.operations.map { ($0.id, $0) }) { first, _ in first },
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
}
