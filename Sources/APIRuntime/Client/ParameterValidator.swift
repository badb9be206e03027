/// Checks an operation's arguments and body before anything is sent: required ones present,
/// unknown ones refused, each value valid for its schema.
struct ParameterValidator {
    let contents: APIDocument.Contents
    let maximumViolations: Int

    /// The values to send, by parameter name.
    /// - Parameter body: The request body; refused when the operation has none, required
    ///   when the spec says so.
    /// - Throws: `APIError.Kind.invalidRequest` listing every problem (a body's at its JSON pointers).
    func validate(_ values: [String: JSONValue], body: JSONValue?, for operation: OperationDescription) throws(APIError) -> [String: JSONValue] {
        var problems: [String] = []
        switch (operation.body, body) {
        case let (declared?, body?):
            let violations = SchemaValidator(registry: contents.schemas, maximumViolations: maximumViolations).validate(body, against: declared.schema)
            problems += violations.map { "body" + ($0.pointer.isEmpty ? "" : " at \($0.pointer)") + ": \($0.message)" }
        case let (declared?, nil) where declared.isRequired:
            problems.append("missing required body")
        case (nil, _?):
            problems.append("the operation takes no body")
        default:
            break
        }
        let known = Set(operation.parameters.map(\.name))
        for name in values.keys.sorted() where !known.contains(name) {
            problems.append("unknown parameter '\(name)'")
        }
        let validator = SchemaValidator(registry: contents.schemas, maximumViolations: maximumViolations)
        for parameter in operation.parameters {
            guard let value = values[parameter.name] else {
                if parameter.isRequired { problems.append("missing required parameter '\(parameter.name)'") }
                continue
            }
            for violation in validator.validate(value, against: parameter.schema) {
                problems.append("parameter '\(parameter.name)'" + (violation.pointer.isEmpty ? "" : " at \(violation.pointer)") + ": \(violation.message)")
            }
        }
        guard problems.isEmpty else {
            var error = APIError(.invalidRequest(problems))
            error.operationID = operation.id
            throw error
        }
        return values
    }
}
