import Foundation

/// A response whose body was parsed and validated against the spec (`null` for a response
/// the spec declares without a JSON body: none, or bytes of another media type).
struct ValidatedResponse: Sendable {
    var response: TransportResponse
    var json: JSONValue
    var context: CallContext
    /// How the body breaks the spec: empty, unless the client's policy is
    /// ``ValidationPolicy/report``.
    var violations: [SchemaViolation] = []

    /// The body decoded as `type`, from the already parsed and validated JSON. A body that
    /// breaks the spec and does not decode fails with its violations, which say what broke.
    func decode<T: Decodable>(as type: T.Type) throws(APIError) -> T {
        do throws(APIError) {
            return try decodeBody(as: type)
        } catch {
            if violations.isEmpty { throw error }
            throw context.error(.invalidResponse(violations))
        }
    }

    private func decodeBody<T: Decodable>(as type: T.Type) throws(APIError) -> T {
        // A generated model decodes straight from the JSON; `Codable` serves any other type.
        if let model = type as? any JSONCodable.Type {
            do {
                if let value = try model.init(fromJSON: json) as? T { return value }
            } catch {
                throw context.error(.decoding(Redaction.redact(error.description)))
            }
        }
        do {
            return try JSONValueDecoder().decode(type, from: json)
        } catch {
            throw context.error(.decoding(Redaction.redact(Self.describe(error))))
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context):
            // Array positions are keys with an `intValue` (their `stringValue` is "Index 1").
            let tokens = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            let pointer = tokens.isEmpty ? "/" : JSONPointer.render(tokens)
            return "\(pointer): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

/// Parses a response body and validates it against the schema the spec gives its status.
struct ResponseValidator {
    let contents: APIDocument.Contents
    let operation: OperationDescription
    let maximumViolations: Int
    let policy: ValidationPolicy

    func validate(_ response: TransportResponse, context: CallContext) throws(APIError) -> ValidatedResponse {
        var body = response.body
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let isSuccess = (200...299).contains(response.status)
        if isSuccess {
            guard let declared = operation.response(for: response.status) else { throw context.error(.undeclaredStatus(response.status)) }
            if declared.schemaName == nil { return ValidatedResponse(response: response, json: .null, context: context) }
        }
        if isSuccess, let type = response.header("Content-Type"), !Self.isJSON(type) {
            throw context.error(.malformedResponse("expected a JSON body, got Content-Type '\(Redaction.redact(type))'"))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Data(body))
        } catch {
            if !isSuccess {
                throw context.error(.status(response.status, APIErrorBody(json: nil, text: Redaction.redact(String(decoding: body, as: UTF8.self)))))
            }
            throw context.error(.malformedResponse("\(error)"))
        }
        if !isSuccess {
            var errorBody = APIErrorBody(json: json, text: Redaction.redact(String(decoding: body, as: UTF8.self)))
            if let name = operation.response(for: response.status)?.schemaName, let schema = contents.schemas[name] {
                errorBody.violations = SchemaValidator(registry: contents.schemas, maximumViolations: maximumViolations).validate(json, against: schema)
            }
            throw context.error(.status(response.status, errorBody))
        }
        // A declared success status with a JSON body (checked above).
        guard let schemaName = operation.response(for: response.status)?.schemaName, let schema = contents.schemas[schemaName] else {
            throw context.error(.invalidDocument("the response schema of \(operation.id) for HTTP \(response.status) is missing"))
        }
        let violations = SchemaValidator(registry: contents.schemas, maximumViolations: maximumViolations).validate(json, against: schema)
        if !violations.isEmpty, policy == .strict { throw context.error(.invalidResponse(violations)) }
        return ValidatedResponse(response: response, json: json, context: context, violations: violations)
    }

    /// `application/json`, or a `+json` type, with any parameters.
    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }
}
