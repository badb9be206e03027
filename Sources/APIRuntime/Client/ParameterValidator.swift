/// Checks an operation's arguments before anything is sent: required ones present, unknown
/// ones refused, each value valid for its schema.
struct ParameterValidator {
    let contents: APIDocument.Contents
    let maximumViolations: Int

    /// The values to send, by parameter name.
    /// - Throws: `APIError.Kind.invalidRequest` listing every problem.
    func validate(_ values: [String: JSONValue], for operation: OperationDescription) throws(APIError) -> [String: JSONValue] {
        var problems: [String] = []
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
