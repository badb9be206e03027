import Foundation

/// A response whose body was parsed and validated against the spec.
struct ValidatedResponse: Sendable {
    var response: HTTPResponse
    var json: JSONValue
    /// The body without a leading byte-order mark, for decoding.
    var body: Data
    var context: APIError

    /// The body decoded as `type`.
    func decode<T: Decodable>(as type: T.Type) throws(APIError) -> T {
        do {
            return try JSONDecoder().decode(type, from: body)
        } catch {
            // Foundation rejects a number too large for Swift's types as a corrupt document,
            // without saying where: the validated JSON says where.
            if case let DecodingError.dataCorrupted(corruption)? = error as? DecodingError, corruption.codingPath.isEmpty,
                let pointer = Self.firstUnrepresentableNumber(in: json)
            {
                throw context.with(.decoding("\(pointer): the number does not fit a Swift Int or Double"))
            }
            throw context.with(.decoding(Redaction.redact(Self.describe(error))))
        }
    }

    /// The pointer of the first number (in document order, keys sorted) that no `Int` or
    /// finite `Double` can hold.
    static func firstUnrepresentableNumber(in value: JSONValue) -> String? {
        var pending: [(value: JSONValue, path: [String])] = [(value, [])]
        while let (value, path) = pending.popLast() {
            switch value {
            case let .number(number):
                let fits = number.isInteger ? Int(number.text) != nil : (number.doubleValue?.isFinite ?? false)
                if !fits { return path.isEmpty ? "/" : JSONPointer.render(path) }
            case let .array(items):
                pending += items.indices.reversed().map { (items[$0], path + [String($0)]) }
            case let .object(members):
                pending += members.keys.sorted().reversed().compactMap { key in members[key].map { ($0, path + [key]) } }
            case .null, .bool, .string:
                break
            }
        }
        return nil
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

    func validate(_ response: HTTPResponse, context: APIError) throws(APIError) -> ValidatedResponse {
        var body = response.body
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let isSuccess = (200...299).contains(response.status)
        if isSuccess, let type = response.header("Content-Type"), !Self.isJSON(type) {
            throw context.with(.malformedResponse("expected a JSON body, got Content-Type '\(Redaction.redact(type))'"))
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(Data(body))
        } catch {
            if !isSuccess {
                throw context.with(.status(response.status, APIErrorBody(json: nil, text: Redaction.redact(String(decoding: body, as: UTF8.self)))))
            }
            throw context.with(.malformedResponse("\(error)"))
        }
        if !isSuccess {
            throw context.with(.status(response.status, APIErrorBody(json: json, text: Redaction.redact(String(decoding: body, as: UTF8.self)))))
        }
        guard let schemaName = operation.responseSchema(for: response.status), let schema = contents.schemas[schemaName] else {
            throw context.with(.malformedResponse("the spec declares no response for HTTP \(response.status)"))
        }
        let violations = SchemaValidator(registry: contents.schemas, maximumViolations: maximumViolations).validate(json, against: schema)
        guard violations.isEmpty else { throw context.with(.invalidResponse(violations)) }
        return ValidatedResponse(response: response, json: json, body: Data(body), context: context)
    }

    /// `application/json`, or a `+json` type, with any parameters.
    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || mediaType.hasSuffix("+json")
    }
}
