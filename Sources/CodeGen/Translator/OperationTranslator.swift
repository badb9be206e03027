import SpecKit

/// Turns each operation into a client method: typed arguments (a `const` needs none, a
/// JSON object parameter is flattened into its properties), the expressions that build the
/// request's parameter values, and the response and item types.
struct OperationTranslator {
    let types: TypeTranslator
    /// Top-level type names in use: the named schemas', the client's, and those given so
    /// far to the inline types of parameters.
    private var typeNamesTaken: Set<String>
    /// Method names given so far, with their `…Response` and `…Pages` companions.
    private var methodNamesTaken: Set<String> = []

    /// - Parameter reservedTypeNames: Other top-level names of the generated module (the
    ///   client and its compiled spec), which parameter types must not take.
    init(types: TypeTranslator, reservedTypeNames: Set<String>) {
        self.types = types
        typeNamesTaken = types.namedTypeNames.union(reservedTypeNames)
    }

    /// The method for `operation`; an inline enum or object in a parameter's schema becomes
    /// a top-level type named after the operation and the parameter
    /// (`GetInvoicesTargetView`), listed in the declaration's `parameterTypes`.
    mutating func declaration(for operation: OperationDescription) -> OperationDeclaration {
        let methodName = methodName(for: operation)
        var arguments: [ArgumentDeclaration] = []
        var values: [(name: String, expression: String)] = []
        var parameterTypes: [TypeDeclaration] = []
        var taken = ArgumentNames(typeNames: typeNamesTaken)
        for parameter in orderedParameters(operation) {
            // The runtime fills in a `const` (OperationArguments).
            if types.resolved(parameter.schema).constValue != nil { continue }
            let typeName = Naming.typeName(operation.id) + Naming.typeName(parameter.name)
            if let flattened = flatten(parameter, typeName: typeName, taken: &taken, parameterTypes: &parameterTypes) {
                arguments += flattened.arguments
                values += flattened.values
                continue
            }
            let name = taken.unique(parameter.argumentName.map(Naming.argumentName) ?? Naming.memberName(parameter.name))
            let type = types.swiftType(for: parameter.schema, suggestedName: typeName, taken: &typeNamesTaken, nested: &parameterTypes)
            let defaultValue = parameter.schema.defaultValue.flatMap { defaultExpression($0, schema: parameter.schema) }
            let optional = !parameter.isRequired && defaultValue == nil
            arguments.append(ArgumentDeclaration(
                name: name, type: optional ? type + "?" : type, defaultValue: optional ? "nil" : defaultValue,
                doc: parameter.description ?? parameter.schema.annotations.description ?? "The `\(parameter.name)` \(parameter.location.rawValue) parameter."
            ))
            values.append((parameter.name, jsonExpression(Naming.escaped(name), type: type, schema: parameter.schema, optional: optional)))
        }
        let body = operation.body.map { body in
            bodyArgument(body, operation: operation, taken: &taken, parameterTypes: &parameterTypes)
        }
        let result = resultShape(operation, methodName: methodName, parameterTypes: &parameterTypes)
        let fileArgument: String? = if case .download = result { taken.unique("fileURL") } else { nil }
        let decorations = Decorations(operation.annotations, subject: operation.id)
        return OperationDeclaration(
            operationID: operation.id,
            methodName: methodName,
            doc: documentation(operation, decorations: decorations, arguments: (body.map { [$0.argument] } ?? []) + arguments, result: result),
            attributes: decorations.attributes,
            notes: decorations.notes,
            arguments: arguments,
            parameterValues: values,
            body: body,
            result: result,
            fileArgument: fileArgument,
            paging: paging(operation, page: operation.successResponse),
            startsJob: operation.job != nil,
            parameterTypes: parameterTypes
        )
    }

    /// The operation's method name, numbered when it or a companion (`…Response`, `…Pages`)
    /// would be spelled like an earlier operation's (`getThing` and `GetThing`, or an
    /// operation `getThingResponse`).
    private mutating func methodName(for operation: OperationDescription) -> String {
        let base = Naming.memberName(operation.id)
        var name = base
        var counter = 2
        while [name, name + "Response", name + "Pages"].contains(where: methodNamesTaken.contains) {
            name = "\(base)_\(counter)"
            counter += 1
        }
        methodNamesTaken.formUnion([name, name + "Response", name + "Pages"])
        return name
    }

    /// The body argument: named after its model (`customer`), or `body` for an inline schema.
    private mutating func bodyArgument(
        _ body: BodyDescription, operation: OperationDescription, taken: inout ArgumentNames, parameterTypes: inout [TypeDeclaration]
    ) -> (argument: ArgumentDeclaration, expression: String) {
        let type = types.swiftType(
            for: body.schema, suggestedName: Naming.typeName(operation.id) + "Body", taken: &typeNamesTaken, nested: &parameterTypes
        )
        let base = body.schema.reference.map(Naming.memberName) ?? "body"
        let name = taken.unique(base)
        let optional = !body.isRequired
        let doc = body.description ?? types.resolved(body.schema).annotations.description ?? "The request body."
        return (
            ArgumentDeclaration(name: name, type: optional ? type + "?" : type, defaultValue: optional ? "nil" : nil, doc: doc),
            jsonExpression(Naming.escaped(name), type: type, schema: body.schema, optional: optional)
        )
    }

    /// One type when there is one success shape, nothing for a lone body-less status, and
    /// otherwise an enum of the statuses (`<Operation>Result`).
    private mutating func resultShape(_ operation: OperationDescription, methodName: String, parameterTypes: inout [TypeDeclaration]) -> ResultShape {
        let successes = operation.successResponses
        if successes.count == 1, let only = successes.first {
            switch only.body {
            case let .json(name): return .value(types.namedTypes[name] ?? "APIRuntime.JSONValue")
            case .none where only.headers.isEmpty: return .none
            case .binary: return .download
            default: break
            }
        }
        let name = Naming.unique(Naming.typeName(operation.id) + "Result", in: &typeNamesTaken)
        let caseNames = Naming.uniqued(successes.map { Self.caseName(for: $0.status) })
        let cases = zip(caseNames, successes).map { caseName, response in
            let code = if case let .code(code) = response.status { code } else { 0 }
            let labels = Naming.uniqued(response.headers.map { Naming.memberName($0.name) })
            return ResponseCasesDeclaration.Case(
                status: code, name: caseName,
                doc: ["/// HTTP \(code)" + (response.description.map { ": " + SwiftLiteral.escaped($0) } ?? ".")],
                bodyType: response.schemaName.map { types.namedTypes[$0] ?? "APIRuntime.JSONValue" },
                headers: Array(zip(labels, response.headers.map(\.name)))
            )
        }
        parameterTypes.append(.responseCases(ResponseCasesDeclaration(
            name: name, doc: ["/// What `\(methodName)` answers: one case per success status."], cases: cases
        )))
        return .cases(name)
    }

    /// `ok`, `created`, `accepted`… for the common success statuses, `status207` otherwise.
    private static func caseName(for status: ResponseDescription.Status) -> String {
        guard case let .code(code) = status else { return "other" }
        let names = [200: "ok", 201: "created", 202: "accepted", 203: "nonAuthoritative", 204: "noContent", 205: "resetContent", 206: "partialContent"]
        return names[code] ?? "status\(code)"
    }

    /// A default argument: a literal, or for a string enum the case of that value.
    private func defaultExpression(_ value: JSONValue, schema: JSONSchema) -> String? {
        let resolved = types.resolved(schema)
        guard types.isStringEnum(resolved) else { return SwiftLiteral.value(value) }
        let raws = (resolved.enumValues ?? []).compactMap(\.stringValue)
        guard let raw = value.stringValue, let index = raws.firstIndex(of: raw) else { return nil }
        return "." + Naming.escaped(types.enumCaseNames(resolved)[index])
    }

    /// Required parameters first, then optional ones, each group by name.
    private func orderedParameters(_ operation: OperationDescription) -> [ParameterDescription] {
        operation.parameters.filter(\.isRequired) + operation.parameters.filter { !$0.isRequired }
    }

    /// A JSON object parameter whose properties become arguments, each passed under the
    /// runtime's key `parameter.property`; the runtime fills in its consts and builds the object.
    private mutating func flatten(
        _ parameter: ParameterDescription, typeName: String, taken: inout ArgumentNames, parameterTypes: inout [TypeDeclaration]
    ) -> (arguments: [ArgumentDeclaration], values: [(name: String, expression: String)])? {
        let schema = types.resolved(parameter.schema)
        guard parameter.encoding == .json, !schema.properties.isEmpty else { return nil }
        var arguments: [ArgumentDeclaration] = []
        var values: [(name: String, expression: String)] = []
        for property in schema.properties where types.resolved(property.schema).constValue == nil {
            let name = taken.unique(parameter.propertyArguments[property.name].map(Naming.argumentName) ?? Naming.memberName(property.name))
            let type = types.swiftType(
                for: property.schema, suggestedName: typeName + Naming.typeName(property.name), taken: &typeNamesTaken, nested: &parameterTypes
            )
            let optional = !parameter.isRequired || types.isOptional(property, in: schema)
            arguments.append(ArgumentDeclaration(
                name: name, type: optional ? type + "?" : type, defaultValue: optional ? "nil" : nil,
                doc: property.schema.annotations.description ?? "The `\(property.name)` of the `\(parameter.name)` \(parameter.location.rawValue) parameter."
            ))
            values.append((parameter.name + "." + property.name, jsonExpression(Naming.escaped(name), type: type, schema: property.schema, optional: optional)))
        }
        return (arguments, values)
    }

    /// An expression of type `JSONValue` (or `JSONValue?` when optional) for a Swift value.
    private func jsonExpression(_ value: String, type: String, schema: JSONSchema, optional: Bool) -> String {
        let conversion: String
        switch type {
        case "Swift.String": conversion = "APIRuntime.JSONValue.string"
        case "Swift.Int": conversion = "APIRuntime.JSONValue.integer"
        case "Swift.Double": conversion = "APIRuntime.JSONValue.double"
        case "Swift.Bool": conversion = "APIRuntime.JSONValue.bool"
        case "APIRuntime.JSONValue": return value
        default:
            if types.isStringEnum(types.resolved(schema)) {
                return optional ? "\(value).map { APIRuntime.JSONValue.string($0.rawValue) }" : "APIRuntime.JSONValue.string(\(value).rawValue)"
            }
            return optional ? "try \(value).map { try APIRuntime.JSONValue(encoding: $0) }" : "try APIRuntime.JSONValue(encoding: \(value))"
        }
        return optional ? "\(value).map(\(conversion))" : "\(conversion)(\(value))"
    }

    private func paging(_ operation: OperationDescription, page: ResponseDescription?) -> (itemType: String, itemsExpression: String)? {
        guard let paging = operation.paging, let pageName = page?.schemaName else { return nil }
        guard let items = paging.items else {
            // The page is an array (its type an alias of one): its items are its elements.
            return types.namedTypes[pageName].map { ("\($0).Element", "$0") }
        }
        guard let property = types.declaredProperty(items, ofSchema: pageName) else { return nil }
        let optional = property.type.hasSuffix("?")
        let arrayType = optional ? String(property.type.dropLast()) : property.type
        let itemType = arrayType.hasPrefix("[") ? String(arrayType.dropFirst().dropLast()) : arrayType
        let access = "$0.\(Naming.escaped(property.name))"
        return (itemType, optional ? "\(access) ?? []" : access)
    }

    private func documentation(
        _ operation: OperationDescription, decorations: Decorations, arguments: [ArgumentDeclaration], result: ResultShape
    ) -> [String] {
        var doc = SwiftLiteral.docLines(operation.annotations.summary ?? operation.id)
        if let description = operation.annotations.description {
            doc += ["///"] + SwiftLiteral.docLines(description)
        }
        doc += ["///", "/// `\(operation.method.rawValue) \(SwiftLiteral.escaped(operation.path))`"]
        doc += decorations.notes
        if !arguments.isEmpty {
            // The parameters follow the decorations' notes as one more callout.
            doc += (decorations.notes.isEmpty ? ["///"] : []) + ["/// - Parameters:"]
            for argument in arguments {
                let text = SwiftLiteral.docLines(argument.doc).first.map { String($0.dropFirst(4)) } ?? ""
                doc.append("///   - \(argument.name): \(text)".trimmingTrailingSpace)
            }
        }
        if case .value = result, let line = SwiftLiteral.docLines(operation.successResponse?.description).first {
            doc.append("/// - Returns: \(line.dropFirst(4))")
        }
        doc.append("/// - Throws: `APIError` when the request is invalid, fails, or its response breaks the spec.")
        return doc
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

/// The argument names of one method, each unique. No argument may be spelt as a type that was
/// taken when the method was begun: inside the method it would hide the type its body names
/// (`as: Self_.self` with an argument `Self_`). The module's type names are kept as they were,
/// not copied for each method.
private struct ArgumentNames {
    let typeNames: Set<String>
    private var arguments: Set<String> = []

    init(typeNames: Set<String>) {
        self.typeNames = typeNames
    }

    /// `name`, or `name_2`, `name_3`, …: the first spelling that is neither a type nor an
    /// argument already.
    mutating func unique(_ name: String) -> String {
        Naming.unique(name, in: &arguments, avoiding: typeNames)
    }
}
