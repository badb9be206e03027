import ArgumentParser
import PartnerCenter

/// Turns `--param name=value` options into an operation's arguments. What each argument is
/// (a `const` filled in, a JSON object parameter given whole, `filter={…}`, or by its
/// properties' argument names) is the runtime's ``OperationArguments``; the text is read as
/// its schema's type by ``ParameterText``.
struct CallArguments {
    /// One value a caller can give on the command line.
    struct Argument {
        /// The name `--param` takes: the parameter's, or for a property the argument name
        /// the spec gives it, else the property's.
        var name: String
        /// Another name for it: the Swift argument name the spec gives the parameter.
        var alias: String?
        var kind: String
        var isRequired: Bool
        var help: String?
        /// What it is to the runtime.
        var runtime: OperationArguments.Argument
    }

    let operation: OperationDescription
    let schemas: SchemaRegistry

    /// The arguments the operation takes, in parameter order.
    var arguments: [Argument] {
        OperationArguments(operation: operation, schemas: schemas).arguments.map { argument in
            let parameter = argument.parameter
            guard let property = argument.property else {
                let flattened = argument.isAlternativeToProperties
                let alias = parameter.argumentName.map { " (or --param \($0)=…)" } ?? ""
                return Argument(
                    name: parameter.name, alias: flattened ? nil : parameter.argumentName, kind: flattened ? "JSON object" : Self.kind(argument.schema),
                    isRequired: argument.isRequired, help: flattened ? "instead of its properties" : (parameter.description ?? "") + alias, runtime: argument
                )
            }
            return Argument(
                name: argument.specName ?? property, kind: Self.kind(argument.schema), isRequired: argument.isRequired,
                help: parameter.description, runtime: argument
            )
        }
    }

    /// The arguments to send for `options` (`name=value` strings), by the runtime's keys.
    /// - Throws: `UsageError` for a malformed, repeated, unknown, missing or mistyped value.
    func values(_ options: [String]) throws -> [String: JSONValue?] {
        var given = try Self.parse(options)
        let arguments = self.arguments
        let missing = arguments.filter { argument in
            argument.isRequired && [argument.name, argument.runtime.parameter.name, argument.alias].allSatisfy { $0.map { given[$0] == nil } ?? true }
        }
        guard missing.isEmpty else {
            throw UsageError("\(operation.id) needs " + missing.map { "--param \($0.name)=<\($0.kind)>" }.joined(separator: " "))
        }
        var values: [String: JSONValue?] = [:]
        for argument in arguments {
            guard let text = given.removeValue(forKey: argument.name) ?? argument.alias.flatMap({ given.removeValue(forKey: $0) }) else { continue }
            guard let value = ParameterText.value(text, json: false, schema: argument.runtime.schema) else {
                throw UsageError("--param \(argument.name): '\(text)' is not \(Self.kind(argument.runtime.schema)).")
            }
            values[argument.runtime.key] = value
        }
        if let unknown = given.keys.sorted().first {
            let known = arguments.map(\.name).joined(separator: ", ")
            throw UsageError("\(operation.id) has no parameter '\(unknown)'; it takes: \(known.isEmpty ? "none" : known).")
        }
        return OperationArguments(operation: operation, schemas: schemas).parameterValues(values)
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
