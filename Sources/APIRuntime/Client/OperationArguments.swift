/// What a caller gives an operation, and how it becomes the operation's parameters. The
/// rules are the spec's, read from the compiled document, so the generated methods, `call`
/// and any other caller share them:
///
/// - a parameter whose schema is a `const` is filled in and never asked for;
/// - a JSON object parameter with properties is given whole (under the parameter's name) or
///   property by property, each under the key `parameter.property` (`filter.Value`); its
///   `const` properties are filled in;
/// - any other parameter is given under its name.
public struct OperationArguments: Sendable {
    /// One value a caller can give.
    public struct Argument: Sendable {
        /// The key a caller passes it under: the parameter's name, or
        /// `parameter.property` for a property of a flattened JSON object parameter.
        public var key: String
        public var parameter: ParameterDescription
        /// The property of a flattened JSON object parameter; nil for the whole parameter.
        public var property: String?
        /// The argument name the spec gives it (`argument:`, or the parameter's `arguments:`
        /// entry for a property), if any.
        public var specName: String?
        /// Its schema, `$ref` resolved.
        public var schema: JSONSchema
        public var isRequired: Bool
        /// Whether this is a flattened parameter given whole, instead of its properties.
        public var isAlternativeToProperties = false
    }

    public let operation: OperationDescription
    private let schemas: SchemaRegistry

    public init(operation: OperationDescription, schemas: SchemaRegistry) {
        self.operation = operation
        self.schemas = schemas
    }

    /// The arguments the operation takes, in parameter order; a flattened parameter's
    /// properties by name, then the parameter itself (which may be given whole instead).
    public var arguments: [Argument] {
        operation.parameters.flatMap { parameter -> [Argument] in
            let schema = resolved(parameter.schema)
            if schema.constValue != nil { return [] }
            let properties = flattenedProperties(of: parameter)
            let whole = Argument(
                key: parameter.name, parameter: parameter, specName: parameter.argumentName, schema: schema,
                isRequired: parameter.isRequired && properties == nil, isAlternativeToProperties: properties != nil
            )
            guard let properties else { return [whole] }
            return properties.filter { $0.schema.constValue == nil }.map { property in
                Argument(
                    key: Self.key(parameter.name, property.name), parameter: parameter, property: property.name,
                    specName: parameter.propertyArguments[property.name], schema: property.schema,
                    isRequired: parameter.isRequired && schema.required.contains(property.name)
                )
            } + [whole]
        }
    }

    /// The parameter values to send for `given` (values by argument key; nil or absent means
    /// not given). Keys that are no argument's are passed on as they are, for the request's
    /// validation to name.
    public func parameterValues(_ given: [String: JSONValue?]) -> [String: JSONValue?] {
        var values = given
        for parameter in operation.parameters {
            let schema = resolved(parameter.schema)
            if let constant = schema.constValue {
                if (values[parameter.name] ?? nil) == nil { values[parameter.name] = constant }
                continue
            }
            guard let properties = flattenedProperties(of: parameter) else { continue }
            var members = JSONObject()
            var anyGiven = false
            for property in properties {
                let given = values.removeValue(forKey: Self.key(parameter.name, property.name)) ?? nil
                if let constant = property.schema.constValue {
                    members[property.name] = constant
                } else if let given {
                    members[property.name] = given
                    anyGiven = true
                }
            }
            // An object of consts alone is the spec's to send, as a `const` parameter is.
            let onlyConstants = properties.allSatisfy { $0.schema.constValue != nil }
            if anyGiven || onlyConstants, (values[parameter.name] ?? nil) == nil { values[parameter.name] = .object(members) }
        }
        return values
    }

    /// The key of a flattened parameter's property.
    public static func key(_ parameter: String, _ property: String) -> String {
        parameter + "." + property
    }

    /// The properties of a JSON object parameter, by name, with their schemas resolved; nil
    /// for a parameter that is not flattened.
    private func flattenedProperties(of parameter: ParameterDescription) -> [(name: String, schema: JSONSchema)]? {
        guard parameter.isJSON else { return nil }
        let schema = resolved(parameter.schema)
        guard !schema.properties.isEmpty else { return nil }
        return schema.properties.sorted { $0.name < $1.name }.map { ($0.name, resolved($0.schema)) }
    }

    private func resolved(_ schema: JSONSchema) -> JSONSchema {
        schema.reference.flatMap { schemas[$0] } ?? schema
    }
}
