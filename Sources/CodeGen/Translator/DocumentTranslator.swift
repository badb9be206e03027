import SpecKit

/// Compiles the spec into the JSON document the runtime interprets: servers, shared headers,
/// operations (parameters, responses, paging) and the schemas responses are validated against.
///
/// Shared behaviour lives in the runtime, generic over this document, so the generated code
/// per operation stays a few lines long.
enum DocumentTranslator {
    static func document(for spec: Spec) -> SpecValue {
        object([
            ("api", .string(spec.api)),
            ("auth", .string(spec.auth.rawValue)),
            ("headers", .array(spec.headers.map(header))),
            ("operations", object(spec.operations.map { ($0.id, operation($0)) })),
            ("schemas", object(spec.schemas.map { ($0.name, JSONSchemaTranslator.compiled.schema($0.schema)) })),
            ("servers", object(spec.servers.map { ($0.name, .string($0.url)) })),
        ])
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
        ])
    }

    private static func body(_ body: RequestBody) -> SpecValue {
        object([
            ("schema", JSONSchemaTranslator.compiled.schema(body.schema)),
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
            object([("name", .string(header.name)), ("schema", JSONSchemaTranslator.compiled.schema(header.schema))])
        }
        return object([body, headers.isEmpty ? nil : ("headers", .array(headers))].compactMap { $0 })
    }

    private static func paging(_ paging: Paging) -> SpecValue {
        switch paging.style {
        case let .nextLink(path):
            object([("items", .string(paging.items)), ("next", .array(path.map(SpecValue.string)))])
        case let .offset(parameter, size, total):
            object([
                ("items", .string(paging.items)), ("offset", .string(parameter)), ("size", size.map(SpecValue.string)),
                ("total", total.map(SpecValue.string)),
            ])
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
            ("schema", JSONSchemaTranslator.compiled.schema(parameter.schema)),
        ])
    }

    private static func statusKey(_ status: Response.Status) -> String {
        switch status {
        case let .code(code): String(code)
        case .default: "default"
        }
    }

    /// An object of the present members, keys sorted.
    static func object(_ members: [(String, SpecValue?)]) -> SpecValue {
        .object(members.compactMap { key, value in value.map { SpecValue.ObjectMember(key: key, value: $0) } }.sorted { $0.key < $1.key })
    }
}
