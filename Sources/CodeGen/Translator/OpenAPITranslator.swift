import SpecKit

/// Exports the spec as an OpenAPI 3.1 document, so other tools (validators, documentation,
/// other generators) can use it: paths and operations, parameters (a JSON-encoded one as
/// `content: application/json`), shared headers as reusable header parameters, the bearer
/// security scheme, responses and schemas. Paging, which OpenAPI cannot say, is `x-paging`;
/// a job, `x-job`.
///
/// A spec of several APIs is one document: the main API's servers are the document's, and
/// each path of another API (Microsoft Graph's) carries that API's servers (OpenAPI's
/// path-level `servers`), its shared headers (components named `API.header`) and its bearer
/// scheme (`APIBearer`, its scopes in the description). One document keeps every operation id
/// in one namespace, as the spec does, and a tool that takes one document sees them all.
public enum OpenAPITranslator {
    /// The OpenAPI document for `spec`, keys sorted.
    public static func document(for spec: Spec) -> SpecValue {
        let sharedHeaders = Dictionary(uniqueKeysWithValues: spec.apis.map { api in
            (api.name, api.headers.filter { !ignoredHeaders.contains($0.name.lowercased()) })
        })
        let headerParameters = spec.apis.flatMap { api in
            (sharedHeaders[api.name] ?? []).map { (componentName(of: $0, in: api, spec: spec), header($0)) }
        }
        var components: [(String, SpecValue?)] = [
            ("schemas", DocumentTranslator.object(spec.schemas.map { ($0.name, JSONSchemaTranslator.openAPI.schema($0.schema)) })),
            ("parameters", headerParameters.isEmpty ? nil : DocumentTranslator.object(headerParameters)),
        ]
        let schemes = spec.apis.filter { $0.auth == .bearer }.map { api in
            let scopes = api.scopes.isEmpty ? nil : SpecValue.string("A token of scopes " + api.scopes.joined(separator: " ") + ".")
            return (securityScheme(of: api, spec: spec), DocumentTranslator.object([
                ("type", .string("http")), ("scheme", .string("bearer")), ("description", scopes),
            ]))
        }
        if !schemes.isEmpty { components.append(("securitySchemes", DocumentTranslator.object(schemes))) }
        let servers = spec.servers.filter { $0.name == "default" } + spec.servers.filter { $0.name != "default" }
        // OpenAPI has one operation per method and path. Operations that share both (`GET
        // /v1/customers` by reseller and by name) are told apart by their query parameters:
        // the first by id is the path's operation, the others are listed in its
        // `x-same-request-operations`, whole.
        let paths = Dictionary(grouping: spec.operations, by: \.path).sorted { $0.key < $1.key }.map { path, operations in
            let byMethod = Dictionary(grouping: operations, by: \.method).sorted { $0.key.rawValue < $1.key.rawValue }
            var members = byMethod.map { method, sharing in
                let exported = sharing.map { operation($0, in: spec) }
                guard exported.count > 1, case let .object(members) = exported[0] else { return (method.rawValue.lowercased(), exported[0]) }
                let others = SpecValue.ObjectMember(key: "x-same-request-operations", value: .array(Array(exported.dropFirst())))
                return (method.rawValue.lowercased(), SpecValue.object((members + [others]).sorted { $0.key < $1.key }))
            }
            // Another API's path is served by that API's servers.
            if let api = operations.first.map(spec.api(of:)), api.name != spec.api {
                let apiServers = api.servers.filter { $0.name == "default" } + api.servers.filter { $0.name != "default" }
                members.append(("servers", .array(apiServers.map { DocumentTranslator.object([("url", .string($0.url)), ("description", .string("\(api.name) \($0.name)"))]) })))
            }
            return (path, DocumentTranslator.object(members))
        }
        return DocumentTranslator.object([
            ("openapi", .string("3.1.0")),
            ("info", DocumentTranslator.object([
                ("title", .string(spec.title ?? spec.api)), ("description", spec.description.map(SpecValue.string)),
                ("version", .string("1.0.0")), ("x-api-name", .string(spec.api)),
            ])),
            ("servers", .array(servers.map { DocumentTranslator.object([("url", .string($0.url)), ("description", .string($0.name))]) })),
            ("security", spec.auth == .bearer ? .array([DocumentTranslator.object([("bearer", .array([]))])]) : nil),
            ("paths", DocumentTranslator.object(paths)),
            ("components", DocumentTranslator.object(components)),
        ])
    }

    /// Headers OpenAPI says not to describe as parameters (the protocol sets them).
    private static let ignoredHeaders: Set<String> = ["accept", "content-type", "authorization"]

    private static func header(_ header: SharedHeader) -> SpecValue {
        let schema: SpecValue = switch header.source {
        case let .fixed(value): DocumentTranslator.object([("type", .string("string")), ("const", .string(value))])
        case let .defaultValue(value): DocumentTranslator.object([("type", .string("string")), ("default", .string(value))])
        case .generatedUUID: DocumentTranslator.object([("type", .string("string")), ("format", .string("uuid"))])
        }
        var description = header.description ?? ""
        if case let .generatedUUID(scope) = header.source {
            description += (description.isEmpty ? "" : " ") + "The client generates a new value per \(scope.rawValue)."
        }
        // A generated header is on every request the client sends, and the service (and the
        // stub) may refuse a request without it: required, for other clients too, unless the
        // spec says the service takes a request without it (Graph's `client-request-id`).
        return DocumentTranslator.object([
            ("name", .string(header.name)), ("in", .string("header")), ("required", .bool(header.isRequired)),
            ("description", description.isEmpty ? nil : .string(description)), ("schema", schema),
        ])
    }

    /// A shared header's component name: its own for the main API, `API.header` for another.
    private static func componentName(of header: SharedHeader, in api: API, spec: Spec) -> String {
        api.name == spec.api ? header.name : "\(api.name).\(header.name)"
    }

    /// The bearer scheme's name: `bearer` for the main API, `APIBearer` for another.
    private static func securityScheme(of api: API, spec: Spec) -> String {
        api.name == spec.api ? "bearer" : "\(api.name)Bearer"
    }

    private static func operation(_ operation: Operation, in spec: Spec) -> SpecValue {
        let api = spec.api(of: operation)
        let shared = api.headers.filter { !ignoredHeaders.contains($0.name.lowercased()) }.map {
            DocumentTranslator.object([("$ref", .string("#/components/parameters/" + componentName(of: $0, in: api, spec: spec)))])
        }
        // The main API's scheme is the document's; another API's operations name their own.
        let security: SpecValue? = api.name == spec.api ? nil
            : .array(api.auth == .bearer ? [DocumentTranslator.object([(securityScheme(of: api, spec: spec), .array([]))])] : [])
        return DocumentTranslator.object([
            ("operationId", .string(operation.id)),
            ("summary", operation.summary.map(SpecValue.string)),
            ("description", operation.description.map(SpecValue.string)),
            ("parameters", .array(operation.parameters.map(parameter) + shared)),
            ("requestBody", operation.body.map(requestBody)),
            ("responses", DocumentTranslator.object(operation.responses.map(response) + impliedErrors(of: operation))),
            ("x-paging", operation.paging.map(paging)),
            ("x-idempotent", operation.declaredIdempotent.map(SpecValue.bool)),
            ("x-job", operation.job.map { SpecValue($0.json) }),  // as compiled: `record` names a schema of components
            ("security", security),
            ("deprecated", operation.isDeprecated ? .bool(true) : nil),
        ])
    }

    /// The error statuses HTTP gives an operation by its shape, declared with its error body
    /// for tools that check statuses one by one: 404 when its path names a resource (a path
    /// parameter), 412 when it takes `If-Match` (RFC 9110 §13.1.1: a stale ETag). Nothing the
    /// spec declares itself is replaced.
    private static func impliedErrors(of operation: Operation) -> [(String, SpecValue?)] {
        guard let error = operation.responses.first(where: { $0.status == .default }) else { return [] }
        let declared = Set(operation.responses.compactMap { response -> Int? in
            if case let .code(code) = response.status { code } else { nil }
        })
        var implied: [(Int, String)] = []
        if operation.parameters.contains(where: { $0.location == .path }) {
            implied.append((404, "No such resource."))
        }
        if operation.parameters.contains(where: { $0.location == .header && $0.name.lowercased() == "if-match" }) {
            implied.append((412, "The If-Match ETag is not the resource's current one: get it again."))
        }
        return implied.filter { !declared.contains($0.0) }.map { status, text in
            var copy = error
            copy.status = .code(status)
            copy.description = text
            return response(copy)
        }
    }

    private static func requestBody(_ body: RequestBody) -> SpecValue {
        DocumentTranslator.object([
            ("description", body.description.map(SpecValue.string)),
            ("required", .bool(body.isRequired)),
            ("content", DocumentTranslator.object([
                (body.mediaType.rawValue, DocumentTranslator.object([("schema", JSONSchemaTranslator.openAPI.schema(body.schema))])),
            ])),
        ])
    }

    /// `x-paging`: the spec's `paging`, `next` a dotted path unless a member name holds a dot
    /// (then the list of names).
    private static func paging(_ paging: Paging) -> SpecValue {
        let items: (String, SpecValue?) = ("items", paging.items.map(SpecValue.string))
        return switch paging.style {
        case let .nextLink(path):
            DocumentTranslator.object([
                items, ("next", path.contains { $0.contains(".") } ? .array(path.map(SpecValue.string)) : .string(path.joined(separator: "."))),
            ])
        case let .offset(parameter, size, total):
            DocumentTranslator.object([items, ("offset", .string(parameter)), ("size", size.map(SpecValue.string)), ("total", total.map(SpecValue.string))])
        case let .continuationHeader(header):
            DocumentTranslator.object([items, ("next", DocumentTranslator.object([("header", .string(header))]))])
        }
    }

    private static func parameter(_ parameter: Parameter) -> SpecValue {
        var schema = JSONSchemaTranslator.openAPI.schema(parameter.schema)
        // An empty path segment (`/customers//users`) names no resource: a path parameter is
        // at least one character, whatever else its schema says.
        if parameter.location == .path, parameter.schema.types == [.string], parameter.schema.minLength == nil, case let .object(members) = schema {
            schema = .object((members + [SpecValue.ObjectMember(key: "minLength", value: .integer(1))]).sorted { $0.key < $1.key })
        }
        let body: (String, SpecValue?) = parameter.encoding == .json
            ? ("content", DocumentTranslator.object([("application/json", DocumentTranslator.object([("schema", schema)]))]))
            : ("schema", schema)
        return DocumentTranslator.object([
            ("name", .string(parameter.name)), ("in", .string(parameter.location.rawValue)), ("required", .bool(parameter.isRequired)),
            ("description", parameter.description.map(SpecValue.string)), body,
        ])
    }

    private static func response(_ response: Response) -> (String, SpecValue?) {
        let status: String = switch response.status {
        case let .code(code): String(code)
        case .default: "default"
        }
        let content: SpecValue? = switch response.body {
        case let .json(name):
            DocumentTranslator.object([
                ("application/json", DocumentTranslator.object([("schema", DocumentTranslator.object([("$ref", .string("#/components/schemas/" + name))]))])),
            ])
        case let .binary(mediaType):
            // OpenAPI 3.1: bytes of a media type are an empty schema (or `contentMediaType`).
            DocumentTranslator.object([(mediaType, DocumentTranslator.object([("schema", DocumentTranslator.object([("contentMediaType", .string(mediaType))]))]))])
        case .none:
            nil
        }
        let headers = response.headers.map { header in
            (header.name, DocumentTranslator.object([
                ("description", header.description.map(SpecValue.string)), ("schema", JSONSchemaTranslator.openAPI.schema(header.schema)),
            ]))
        }
        return (status, DocumentTranslator.object([
            ("description", .string(response.description ?? (status == "default" ? "An error." : "HTTP \(status)"))), ("content", content),
            ("headers", headers.isEmpty ? nil : DocumentTranslator.object(headers)),
        ]))
    }
}
