import APIDescription
import SpecKit

/// Compiles the spec into the JSON document the runtime interprets: servers, shared headers,
/// operations (parameters, responses, paging) and the schemas responses are validated against.
///
/// Shared behaviour lives in the runtime, generic over this document, so the generated code
/// per operation stays a few lines long.
enum DocumentTranslator {
    static func document(for spec: Spec) -> SpecValue {
        object(
            [
                ("api", .string(spec.api)),
                ("apis", spec.otherAPIs.isEmpty ? nil : object(spec.otherAPIs.map { ($0.name, object(connection(of: $0))) })),
                ("operations", object(spec.operations.map { ($0.id, operation($0)) })),
                ("schemas", object(spec.schemas.map { ($0.name, compiledSchema($0.schema)) })),
            ] + connection(of: spec.mainAPI)
        )
    }

    /// How an API is reached: `auth`, `headers`, `scopes` (when given) and `servers`.
    private static func connection(of api: API) -> [(String, SpecValue?)] {
        [
            ("auth", .string(api.auth.rawValue)),
            ("headers", .array(api.headers.map(header))),
            ("scopes", api.scopes.isEmpty ? nil : strings(api.scopes)),
            ("servers", object(api.servers.map { ($0.name, .string($0.url)) })),
        ]
    }

    private static func header(_ header: SharedHeader) -> SpecValue {
        var members: [(String, SpecValue?)] = [("name", .string(header.name))]
        switch header.source {
        case let .fixed(value): members.append(("value", .string(value)))
        case let .defaultValue(value): members.append(("default", .string(value)))
        case let .generatedUUID(scope): members += [("generate", .string("uuid")), ("per", .string(scope.rawValue))]
        }
        return object(members)
    }

    private static func operation(_ operation: Operation) -> SpecValue {
        object([
            ("api", operation.apiName.map(SpecValue.string)),
            ("method", .string(operation.method.rawValue)),
            ("path", .string(operation.path)),
            ("summary", operation.summary.map(SpecValue.string)),
            ("description", operation.description.map(SpecValue.string)),
            ("parameters", .array(operation.parameters.map(parameter))),
            ("body", operation.body.map(body)),
            ("idempotent", .bool(operation.isIdempotent)),
            ("deprecated", operation.isDeprecated ? .bool(true) : nil),
            ("responses", object(operation.responses.map { (statusKey($0.status), response($0)) })),
            ("paging", operation.paging.map(paging)),
            ("job", operation.job.map(job)),
        ])
    }

    /// The `job:` of an operation (the OpenAPI export's `x-job` too).
    static func job(_ job: Job) -> SpecValue {
        let files = job.result?.files.map { files in
            object([
                ("directory", .string(files.directory)), ("token", .string(files.token)), ("list", .string(files.list)),
                ("name", .string(files.name)), ("record", .string(files.record)),
            ])
        }
        let result = job.result.map { result in
            object([("operation", .string(result.operation)), ("members", strings(result.members)), ("files", files)])
        }
        return object([
            ("poll", .string(job.poll)), ("status", .string(job.status)), ("succeeded", strings(job.succeeded)),
            ("failed", strings(job.failed)), ("error", job.error.map(SpecValue.string)), ("result", result),
        ])
    }

    private static func strings(_ values: [String]) -> SpecValue {
        .array(values.map(SpecValue.string))
    }

    private static func body(_ body: RequestBody) -> SpecValue {
        object([
            ("schema", compiledSchema(body.schema)),
            ("required", .bool(body.isRequired)),
            ("mediaType", .string(body.mediaType.rawValue)),
        ])
    }

    /// `{"schema": NAME}` for a JSON body, `{"content": TYPE}` for bytes, `{}` for none; and
    /// `"headers"`, the declared response headers with their schemas, when there are any.
    private static func response(_ response: Response) -> SpecValue {
        let body: (String, SpecValue)? = switch response.body {
        case let .json(name): ("schema", .string(name))
        case let .binary(mediaType): ("content", .string(mediaType))
        case .none: nil
        }
        let headers = response.headers.map { header in
            object([("name", .string(header.name)), ("schema", compiledSchema(header.schema))])
        }
        return object([body, headers.isEmpty ? nil : ("headers", .array(headers))].compactMap { $0 })
    }

    private static func paging(_ paging: Paging) -> SpecValue {
        let items: (String, SpecValue?) = ("items", paging.items.map(SpecValue.string))
        return switch paging.style {
        case let .nextLink(path):
            object([items, ("next", .array(path.map(SpecValue.string)))])
        case let .offset(parameter, size, total):
            object([items, ("offset", .string(parameter)), ("size", size.map(SpecValue.string)), ("total", total.map(SpecValue.string))])
        case let .continuationHeader(header):
            object([items, ("nextHeader", .string(header))])
        }
    }

    private static func parameter(_ parameter: Parameter) -> SpecValue {
        object([
            ("name", .string(parameter.name)),
            ("in", .string(parameter.location.rawValue)),
            ("required", .bool(parameter.isRequired)),
            ("encoding", .string(parameter.encoding.rawValue)),
            ("description", parameter.description.map(SpecValue.string)),
            ("argument", parameter.argumentName.map(SpecValue.string)),
            ("arguments", parameter.propertyArguments.isEmpty ? nil : object(parameter.propertyArguments.map { ($0.key, .string($0.value)) })),
            ("schema", compiledSchema(parameter.schema)),
        ])
    }

    private static func statusKey(_ status: Response.Status) -> String {
        switch status {
        case let .code(code): String(code)
        case .default: "default"
        }
    }

    /// The runtime's form of `schema` (see ``JSONSchema/json``), which it reads back.
    private static func compiledSchema(_ schema: Schema) -> SpecValue {
        SpecValue(JSONSchema(schema).json)
    }

    /// An object of the present members, keys sorted.
    static func object(_ members: [(String, SpecValue?)]) -> SpecValue {
        .object(members.compactMap { key, value in value.map { SpecValue.ObjectMember(key: key, value: $0) } }.sorted { $0.key < $1.key })
    }
}
