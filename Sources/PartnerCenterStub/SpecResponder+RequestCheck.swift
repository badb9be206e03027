import APIRuntime
import Foundation
import LocalHTTPServer

/// The stub's check of a request against its operation in the spec: what it refuses, and why.
extension SpecResponder {
    /// What is wrong with the request's parameters or body, or nil.
    func check(_ request: HTTPServerRequest, against operation: OperationDescription, pathValues: [String: String]) -> String? {
        let validator = SchemaValidator(registry: registry)
        for parameter in operation.parameters {
            let text: String? = switch parameter.location {
            case .path: pathValues[parameter.name]
            case .query: request.queryValue(parameter.name)
            case .header: request.header(parameter.name)
            }
            guard let text else {
                if parameter.isRequired { return "The \(parameter.location.rawValue) parameter \(parameter.name) is required." }
                continue
            }
            // `Accept` is a media range list (RFC 9110 §12.5.1): `*/*` and `application/*` take
            // the type the operation answers with.
            if parameter.location == .header, parameter.name.lowercased() == "accept", let wanted = parameter.schema.constValue?.stringValue {
                if Self.accepts(text, wanted) { continue }
                return "The header Accept must accept \(wanted)."
            }
            // Text the schema cannot read is checked as the string it is, so the answer names why.
            let schema = parameter.schema.reference.flatMap { registry[$0] } ?? parameter.schema
            guard let value = ParameterText.value(text, json: parameter.isJSON, schema: schema) ?? (parameter.isJSON ? nil : .string(text)) else {
                return "The \(parameter.location.rawValue) parameter \(parameter.name) is not valid JSON."
            }
            if let violation = validator.validate(value, against: parameter.schema).first {
                return "The \(parameter.location.rawValue) parameter \(parameter.name)\(Self.at(violation.pointer)): \(violation.message)."
            }
        }
        guard let body = operation.body else { return nil }
        if request.body.isEmpty {
            return body.isRequired ? "The request body is required." : nil
        }
        guard body.mediaType == .json else { return nil }
        let value: JSONValue
        do {
            value = try JSONParser.parse(Array(request.body))
        } catch {
            return "The request body is not valid JSON: \(error)."
        }
        if let violation = validator.validate(value, against: body.schema).first {
            return "The request body\(Self.at(violation.pointer)): \(violation.message)."
        }
        return nil
    }

    /// Whether the `Accept` value `text` takes the media type `wanted`.
    private static func accepts(_ text: String, _ wanted: String) -> Bool {
        let type = wanted.split(separator: "/").first.map { $0.lowercased() + "/*" } ?? ""
        return text.split(separator: ",").contains { range in
            let media = range.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            return media == wanted.lowercased() || media == "*/*" || media == type
        }
    }

    private static func at(_ pointer: String) -> String {
        pointer.isEmpty ? "" : " at \(pointer)"
    }
}
