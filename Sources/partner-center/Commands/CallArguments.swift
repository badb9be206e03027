import ArgumentParser
import PartnerCenter

/// Turns `--param name=value` options into an operation's parameter values, using what the
/// compiled spec says of each parameter: a `const` is filled in, a JSON object parameter
/// can be given whole (`filter={…}`) or by its properties' argument names, and each value is
/// read as its schema's type.
struct CallArguments {
    /// One value a caller can give.
    struct Argument {
        var name: String
        /// The parameter it belongs to.
        var parameter: String
        /// Another name for it: the Swift argument name the spec gives the parameter.
        var alias: String? = nil
        var kind: String
        var isRequired: Bool
        var help: String?
    }

    let operation: OperationDescription
    let schemas: SchemaRegistry

    /// The arguments the operation takes, in parameter order.
    var arguments: [Argument] {
        operation.parameters.flatMap { parameter -> [Argument] in
            let schema = resolved(parameter.schema)
            if schema.constValue != nil { return [] }
            guard let properties = objectProperties(parameter) else {
                let alias = parameter.argument.map { " (or --param \($0)=…)" } ?? ""
                return [Argument(
                    name: parameter.name, parameter: parameter.name, alias: parameter.argument, kind: Self.kind(schema),
                    isRequired: parameter.isRequired, help: (parameter.description ?? "") + alias
                )]
            }
            let whole = Argument(name: parameter.name, parameter: parameter.name, kind: "JSON object", isRequired: false, help: "instead of its properties")
            return properties.filter { $0.schema.constValue == nil }.map { property in
                Argument(
                    name: parameter.arguments[property.name] ?? property.name, parameter: parameter.name, kind: Self.kind(property.schema),
                    isRequired: parameter.isRequired && schema.required.contains(property.name), help: parameter.description
                )
            } + [whole]
        }
    }

    /// The values to send for `options` (`name=value` strings).
    /// - Throws: `UsageError` for a malformed, repeated, unknown, missing or mistyped value.
    func values(_ options: [String]) throws -> [String: JSONValue?] {
        var given = try Self.parse(options)
        let missing = arguments.filter { argument in
            argument.isRequired && [argument.name, argument.parameter, argument.alias].allSatisfy { $0.map { given[$0] == nil } ?? true }
        }
        guard missing.isEmpty else {
            throw UsageError("\(operation.id) needs " + missing.map { "--param \($0.name)=<\($0.kind)>" }.joined(separator: " "))
        }
        var values: [String: JSONValue?] = [:]
        for parameter in operation.parameters {
            let schema = resolved(parameter.schema)
            if let constant = schema.constValue {
                values[parameter.name] = constant
            } else if let text = given.removeValue(forKey: parameter.name) ?? parameter.argument.flatMap({ given.removeValue(forKey: $0) }) {
                values[parameter.name] = try Self.value(text, as: schema, name: parameter.name)
            } else if let properties = objectProperties(parameter) {
                var members = JSONObject()
                var anyGiven = false
                for property in properties {
                    let argument = parameter.arguments[property.name] ?? property.name
                    if let constant = property.schema.constValue {
                        members[property.name] = constant
                    } else if let text = given.removeValue(forKey: argument) {
                        members[property.name] = try Self.value(text, as: property.schema, name: argument)
                        anyGiven = true
                    }
                }
                if anyGiven { values[parameter.name] = .object(members) }
            }
        }
        if let unknown = given.keys.sorted().first {
            let known = arguments.map(\.name).joined(separator: ", ")
            throw UsageError("\(operation.id) has no parameter '\(unknown)'; it takes: \(known.isEmpty ? "none" : known).")
        }
        return values
    }

    private static func parse(_ options: [String]) throws -> [String: String] {
        var given: [String: String] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "="), equals != option.startIndex else {
                throw UsageError("--param must look like name=value, got '\(option)'.")
            }
            let name = String(option[..<equals])
            guard given.updateValue(String(option[option.index(after: equals)...]), forKey: name) == nil else {
                throw UsageError("--param \(name) is given twice.")
            }
        }
        return given
    }

    /// The properties of a JSON object parameter that has at least one non-constant property,
    /// sorted by name; nil for any other parameter.
    private func objectProperties(_ parameter: ParameterDescription) -> [(name: String, schema: JSONSchema)]? {
        guard parameter.isJSON else { return nil }
        let schema = resolved(parameter.schema)
        let properties = schema.properties.keys.sorted().compactMap { name in schema.properties[name].map { (name, resolved($0)) } }
        return properties.contains { $0.1.constValue == nil } ? properties : nil
    }

    private func resolved(_ schema: JSONSchema) -> JSONSchema {
        schema.reference.flatMap { schemas[$0] } ?? schema
    }

    /// `text` read as the schema's type: a number, a boolean, JSON, or the string itself.
    static func value(_ text: String, as schema: JSONSchema, name: String) throws -> JSONValue {
        let types = Set(schema.types)
        if types.contains(.integer), let number = Int(text) { return .integer(number) }
        if types.contains(.number), let number = Double(text) { return .double(number) }
        if types.contains(.boolean), text == "true" || text == "false" { return .bool(text == "true") }
        if types.contains(.string) || (types.isEmpty && schema.enumValues != nil) { return .string(text) }
        if types.contains(.object) || types.contains(.array) || types.isEmpty {
            if let json = try? JSONParser.parse(text) { return json }
            if types.isEmpty { return .string(text) }
        }
        throw UsageError("--param \(name): '\(text)' is not \(kind(schema)).")
    }

    /// A short description of what a schema accepts, e.g. `integer 1…500` or `string (uuid)`.
    static func kind(_ schema: JSONSchema) -> String {
        if let values = schema.enumValues {
            return values.map { $0.stringValue ?? JSONWriter.string(from: $0) }.joined(separator: "|")
        }
        var text = schema.types.isEmpty ? "value" : schema.types.map(\.rawValue).joined(separator: " or ")
        if let format = schema.format { text += " (\(format.rawValue))" }
        if schema.minimum != nil || schema.maximum != nil {
            text += " \(schema.minimum?.text ?? "")…\(schema.maximum?.text ?? "")"
        }
        return text
    }
}
