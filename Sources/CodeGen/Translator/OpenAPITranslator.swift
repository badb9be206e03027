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
    public static func document(for spec: Spec) -> JSONValue {
        let sharedHeaders = Dictionary(uniqueKeysWithValues: spec.apis.map { api in
            (api.name, api.headers.filter { !ignoredHeaders.contains($0.name.lowercased()) })
        })
        let headerParameters = spec.apis.flatMap { api in
            (sharedHeaders[api.name] ?? []).map { (componentName(of: $0, in: api, spec: spec), header($0)) }
        }
        var components: [(String, JSONValue?)] = [
            ("schemas", JSONValue.sortedObject(spec.schemas.map { ($0.name, JSONSchemaTranslator.schema($0.schema)) })),
            ("parameters", headerParameters.isEmpty ? nil : JSONValue.sortedObject(headerParameters)),
        ]
        let schemes = spec.apis.filter { $0.auth == .bearer }.map { api in
            let scopes = api.scopes.isEmpty ? nil : JSONValue.string("A token of scopes " + api.scopes.joined(separator: " ") + ".")
            return (securityScheme(of: api, spec: spec), JSONValue.sortedObject([
                ("type", .string("http")), ("scheme", .string("bearer")), ("description", scopes),
            ]))
        }
        if !schemes.isEmpty { components.append(("securitySchemes", JSONValue.sortedObject(schemes))) }
        let servers = spec.mainAPI.serversByName.filter { $0.name == "default" } + spec.mainAPI.serversByName.filter { $0.name != "default" }
        // OpenAPI has one operation per method and path. Operations that share both (`GET
        // /v1/customers` by reseller and by name) are told apart by their query parameters:
        // the first by id is the path's operation, the others are listed in its
        // `x-same-request-operations`, whole.
        let paths = Dictionary(grouping: spec.operations, by: \.path).sorted { $0.key < $1.key }.map { path, operations in
            let byMethod = Dictionary(grouping: operations, by: \.method).sorted { $0.key.rawValue < $1.key.rawValue }
            var members = byMethod.map { method, sharing in
                let exported = sharing.map { operation($0, in: spec) }
                guard exported.count > 1, case let .object(members) = exported[0] else { return (method.rawValue.lowercased(), exported[0]) }
                var merged = members
                merged["x-same-request-operations"] = .array(Array(exported.dropFirst()))
                return (method.rawValue.lowercased(), JSONValue.sortedObject(merged.map { ($0.key, $0.value) }))
            }
            // Another API's path is served by that API's servers.
            if let api = operations.first.map(spec.api(of:)), api.name != spec.api {
                let apiServers = api.serversByName.filter { $0.name == "default" } + api.serversByName.filter { $0.name != "default" }
                members.append(("servers", .array(apiServers.map { JSONValue.sortedObject([("url", .string($0.url)), ("description", .string("\(api.name) \($0.name)"))]) })))
            }
            return (path, JSONValue.sortedObject(members))
        }
        return JSONValue.sortedObject([
            ("openapi", .string("3.1.0")),
            ("info", JSONValue.sortedObject([
                ("title", .string(spec.mainAPI.title ?? spec.api)), ("description", spec.mainAPI.description.map(JSONValue.string)),
                ("version", .string("1.0.0")), ("x-api-name", .string(spec.api)),
            ])),
            ("servers", .array(servers.map { JSONValue.sortedObject([("url", .string($0.url)), ("description", .string($0.name))]) })),
            ("security", spec.mainAPI.auth == .bearer ? .array([JSONValue.sortedObject([("bearer", .array([]))])]) : nil),
            ("paths", JSONValue.sortedObject(paths)),
            ("components", JSONValue.sortedObject(components)),
        ])
    }

    /// Headers OpenAPI says not to describe as parameters (the protocol sets them).
    private static let ignoredHeaders: Set<String> = ["accept", "content-type", "authorization"]

    private static func header(_ header: SharedHeaderDescription) -> JSONValue {
        let schema: JSONValue = switch header.source {
        case let .fixed(value): JSONValue.sortedObject([("type", .string("string")), ("const", .string(value))])
        case let .defaultValue(value): JSONValue.sortedObject([("type", .string("string")), ("default", .string(value))])
        case .uuidPerCall, .uuidPerClient: JSONValue.sortedObject([("type", .string("string")), ("format", .string("uuid"))])
        }
        var description = header.description ?? ""
        if let scope = header.source.uuidScope {
            description += (description.isEmpty ? "" : " ") + "The client generates a new value per \(scope)."
        }
        // A generated header is on every request the client sends, and the service (and the
        // stub) may refuse a request without it: required, for other clients too, unless the
        // spec says the service takes a request without it (Graph's `client-request-id`).
        return JSONValue.sortedObject([
            ("name", .string(header.name)), ("in", .string("header")), ("required", .bool(header.isRequired)),
            ("description", description.isEmpty ? nil : .string(description)), ("schema", schema),
        ])
    }

    /// A shared header's component name: its own for the main API, `API.header` for another.
    private static func componentName(of header: SharedHeaderDescription, in api: APIConnection, spec: Spec) -> String {
        api.name == spec.api ? header.name : "\(api.name).\(header.name)"
    }

    /// The bearer scheme's name: `bearer` for the main API, `APIBearer` for another.
    private static func securityScheme(of api: APIConnection, spec: Spec) -> String {
        api.name == spec.api ? "bearer" : "\(api.name)Bearer"
    }

    private static func operation(_ operation: OperationDescription, in spec: Spec) -> JSONValue {
        let api = spec.api(of: operation)
        let shared = api.headers.filter { !ignoredHeaders.contains($0.name.lowercased()) }.map {
            JSONValue.sortedObject([("$ref", .string("#/components/parameters/" + componentName(of: $0, in: api, spec: spec)))])
        }
        // The main API's scheme is the document's; another API's operations name their own.
        let security: JSONValue? = api.name == spec.api ? nil
            : .array(api.auth == .bearer ? [JSONValue.sortedObject([(securityScheme(of: api, spec: spec), .array([]))])] : [])
        let members: [(String, JSONValue?)] = [
            ("operationId", .string(operation.id)),
            ("parameters", .array(operation.parameters.map(parameter) + shared)),
            ("requestBody", operation.body.map(requestBody)),
            ("responses", JSONValue.sortedObject(operation.responses.map(response) + impliedErrors(of: operation))),
            ("x-paging", operation.paging.map(paging)),
            ("x-idempotent", operation.declaredIdempotent.map(JSONValue.bool)),
            ("x-job", operation.job.map(\.json)),  // as compiled: `record` names a schema of components
            ("security", security),
        ]
        return .sortedObject(members + operation.annotations.members)
    }

    /// The error statuses HTTP gives an operation by its shape, declared with its error body
    /// for tools that check statuses one by one: 404 when its path names a resource (a path
    /// parameter), 412 when it takes `If-Match` (RFC 9110 §13.1.1: a stale ETag). Nothing the
    /// spec declares itself is replaced.
    private static func impliedErrors(of operation: OperationDescription) -> [(String, JSONValue?)] {
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

    private static func requestBody(_ body: BodyDescription) -> JSONValue {
        JSONValue.sortedObject([
            ("description", body.description.map(JSONValue.string)),
            ("required", .bool(body.isRequired)),
            ("content", JSONValue.sortedObject([
                (body.mediaType.rawValue, JSONValue.sortedObject([("schema", JSONSchemaTranslator.schema(body.schema))])),
            ])),
        ])
    }

    /// `x-paging`: the spec's `paging`, `next` a dotted path unless a member name holds a dot
    /// (then the list of names).
    private static func paging(_ paging: Paging) -> JSONValue {
        let items: (String, JSONValue?) = ("items", paging.items.map(JSONValue.string))
        return switch paging.style {
        case let .nextLink(path):
            JSONValue.sortedObject([
                items, ("next", path.contains { $0.contains(".") } ? .array(path.map(JSONValue.string)) : .string(path.joined(separator: "."))),
            ])
        case let .offset(parameter, size, total):
            JSONValue.sortedObject([items, ("offset", .string(parameter)), ("size", size.map(JSONValue.string)), ("total", total.map(JSONValue.string))])
        case let .continuationHeader(header):
            JSONValue.sortedObject([items, ("next", JSONValue.sortedObject([("header", .string(header))]))])
        }
    }

    private static func parameter(_ parameter: ParameterDescription) -> JSONValue {
        var schema = JSONSchemaTranslator.schema(parameter.schema)
        // An empty path segment (`/customers//users`) names no resource: a path parameter is
        // at least one character, whatever else its schema says.
        if parameter.location == .path, parameter.schema.nonNullTypes == [.string], parameter.schema.minLength == nil, case let .object(members) = schema {
            schema = .sortedObject(members.map { ($0.key, $0.value) } + [("minLength", .integer(1))])
        }
        let body: (String, JSONValue?) = parameter.encoding == .json
            ? ("content", JSONValue.sortedObject([("application/json", JSONValue.sortedObject([("schema", schema)]))]))
            : ("schema", schema)
        return JSONValue.sortedObject([
            ("name", .string(parameter.name)), ("in", .string(parameter.location.rawValue)), ("required", .bool(parameter.isRequired)),
            ("description", parameter.description.map(JSONValue.string)), body,
        ])
    }

    private static func response(_ response: ResponseDescription) -> (String, JSONValue?) {
        let status: String = switch response.status {
        case let .code(code): String(code)
        case .default: "default"
        }
        let content: JSONValue? = switch response.body {
        case let .json(name):
            JSONValue.sortedObject([
                ("application/json", JSONValue.sortedObject([("schema", JSONValue.sortedObject([("$ref", .string("#/components/schemas/" + name))]))])),
            ])
        case let .binary(mediaType):
            // OpenAPI 3.1: bytes of a media type are an empty schema (or `contentMediaType`).
            JSONValue.sortedObject([(mediaType, JSONValue.sortedObject([("schema", JSONValue.sortedObject([("contentMediaType", .string(mediaType))]))]))])
        case .none:
            nil
        }
        let headers = response.headers.map { header in
            (header.name, JSONValue.sortedObject([
                ("description", header.description.map(JSONValue.string)), ("schema", JSONSchemaTranslator.schema(header.schema)),
            ]))
        }
        return (status, JSONValue.sortedObject([
            ("description", .string(response.description ?? (status == "default" ? "An error." : "HTTP \(status)"))), ("content", content),
            ("headers", headers.isEmpty ? nil : JSONValue.sortedObject(headers)),
        ]))
    }
}
