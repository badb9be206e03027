/// One validation: the work list, the pointer arena and the violations found so far.
struct ValidationRun {
    /// The most `$ref`s followed in a row at one value before giving up.
    static let maximumReferenceHops = 64

    /// A value still to check against a schema.
    private struct Task {
        let value: JSONValue
        let node: CompiledSchema
        /// The value's node in the pointer arena; -1 is the root.
        let path: Int
        /// `$ref`s followed to reach `schema` at this same value.
        let hops: Int
    }

    private enum PathToken {
        case key(String)
        case index(Int)
    }

    private enum CompiledPattern {
        case regex(Regex<AnyRegexOutput>)
        case invalid
    }

    let registry: SchemaRegistry
    let maximumViolations: Int
    private var violations: [SchemaViolation] = []
    private var tasks: [Task] = []
    /// Pointer arena: each node is a token under a parent node, so paths are only
    /// turned into text when a violation is reported.
    private var pathParents: [Int] = []
    private var pathTokens: [PathToken] = []
    private var patterns: [String: CompiledPattern] = [:]

    init(registry: SchemaRegistry, maximumViolations: Int) {
        self.registry = registry
        self.maximumViolations = maximumViolations
    }

    mutating func validate(_ value: JSONValue, against schema: JSONSchema) -> [SchemaViolation] {
        let root = schema.reference.flatMap { name in schema.isReferenceOnly ? registry.compiled[name] : nil } ?? CompiledSchema(schema)
        tasks.append(Task(value: value, node: root, path: -1, hops: 0))
        while violations.count < maximumViolations, let task = tasks.popLast() {
            visit(task)
        }
        return violations
    }

    private mutating func visit(_ task: Task) {
        let value = task.value
        let node = task.node
        let schema = node.schema
        if case .null = value, schema.allowsNull { return }
        if let name = schema.reference {
            guard let target = registry.compiled[name] else {
                return report("unresolved reference '#/schemas/\(name)'", at: task.path)
            }
            guard task.hops < Self.maximumReferenceHops else {
                return report("reference chain through '#/schemas/\(name)' is too long", at: task.path)
            }
            tasks.append(Task(value: value, node: target, path: task.path, hops: task.hops + 1))
        }
        guard checkType(value, schema, at: task.path) else { return }
        if let constant = schema.constValue, !value.schemaEquals(constant) {
            report("expected constant \(JSONWriter.string(from: constant))", at: task.path)
        }
        if let allowed = schema.enumValues {
            checkEnum(value, allowed, isTolerant: schema.isTolerant, at: task.path)
        }
        switch value {
        case let .string(string): checkString(string, schema, at: task.path)
        case let .number(number): checkNumber(number, schema, at: task.path)
        case let .array(items): checkArray(items, node, at: task.path)
        case let .object(members): checkObject(members, node, at: task.path)
        case .null, .bool: break
        }
    }

    // MARK: Keywords

    private mutating func checkType(_ value: JSONValue, _ schema: JSONSchema, at path: Int) -> Bool {
        guard !schema.types.isEmpty, !schema.types.contains(where: { Self.value(value, hasType: $0) }) else { return true }
        report("expected \(schema.allowedTypeNames.joined(separator: " or ")), got \(value.typeName)", at: path)
        return false
    }

    private static func value(_ value: JSONValue, hasType type: JSONSchema.JSONType) -> Bool {
        switch (type, value) {
        case (.null, .null), (.boolean, .bool), (.number, .number), (.string, .string), (.array, .array),
             (.object, .object):
            true
        case let (.integer, .number(number)):
            number.isInteger || number.decimal?.isIntegral == true
        default:
            false
        }
    }

    private mutating func checkEnum(_ value: JSONValue, _ allowed: [JSONValue], isTolerant: Bool, at path: Int) {
        if isTolerant, case .string = value { return }
        guard !allowed.contains(where: { value.schemaEquals($0) }) else { return }
        let listed = allowed.map { JSONWriter.string(from: $0) }.joined(separator: ", ")
        report("value \(JSONWriter.string(from: value)) is not one of \(listed)", at: path)
    }

    private mutating func checkString(_ string: String, _ schema: JSONSchema, at path: Int) {
        if let format = schema.format, !FormatCheck.isValid(string, as: format) {
            report("\(JSONWriter.string(from: .string(string))) is not a valid \(format.rawValue)", at: path)
        }
        if schema.minLength != nil || schema.maxLength != nil {
            let length = string.unicodeScalars.count
            if let minLength = schema.minLength, length < minLength {
                report("string shorter than \(minLength) characters", at: path)
            }
            if let maxLength = schema.maxLength, length > maxLength {
                report("string longer than \(maxLength) characters", at: path)
            }
        }
        if let pattern = schema.pattern {
            switch compiled(pattern) {
            case let .regex(regex):
                if string.firstMatch(of: regex) == nil { report("string does not match pattern '\(pattern)'", at: path) }
            case .invalid:
                report("pattern '\(pattern)' is not a valid regular expression", at: path)
            }
        }
    }

    private mutating func checkNumber(_ number: JSONNumber, _ schema: JSONSchema, at path: Int) {
        guard schema.minimum != nil || schema.maximum != nil, let decimal = number.decimal else { return }
        if let minimum = schema.minimum, let bound = minimum.decimal, decimal.compare(to: bound) < 0 {
            report("\(number.text) is less than the minimum \(minimum.text)", at: path)
        }
        if let maximum = schema.maximum, let bound = maximum.decimal, decimal.compare(to: bound) > 0 {
            report("\(number.text) is greater than the maximum \(maximum.text)", at: path)
        }
    }

    private mutating func checkArray(_ items: [JSONValue], _ node: CompiledSchema, at path: Int) {
        if let minItems = node.schema.minItems, items.count < minItems {
            report("array has fewer than \(minItems) items", at: path)
        }
        if let maxItems = node.schema.maxItems, items.count > maxItems {
            report("array has more than \(maxItems) items", at: path)
        }
        guard let itemSchema = node.items else { return }
        for position in items.indices.reversed() {
            let child = self.node(.index(position), under: path)
            tasks.append(Task(value: items[position], node: itemSchema, path: child, hops: 0))
        }
    }

    /// Members are checked in sorted key order: declared properties and other members
    /// merged, so the order does not depend on which are declared.
    private mutating func checkObject(_ members: [String: JSONValue], _ node: CompiledSchema, at path: Int) {
        for name in node.required where members[name] == nil {
            report("missing required property '\(name)'", at: path)
        }
        if case .allowed(true) = node.additional {
            // Only declared properties have anything to check: no need to look at the others.
            guard !node.properties.isEmpty else { return }
            let start = tasks.count
            for property in node.properties {
                guard let member = members[property.name] else { continue }
                tasks.append(Task(value: member, node: property.schema, path: self.node(.key(property.name), under: path), hops: 0))
            }
            tasks[start...].reverse()
            return
        }
        let start = tasks.count
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            let memberSchema: CompiledSchema
            if let property = node.propertyNamed[key] {
                memberSchema = property
            } else {
                switch node.additional {
                case .allowed(true): continue
                case .allowed(false):
                    report("unexpected property '\(key)'", at: path)
                    continue
                case let .schema(additional): memberSchema = additional
                }
            }
            tasks.append(Task(value: member, node: memberSchema, path: self.node(.key(key), under: path), hops: 0))
        }
        tasks[start...].reverse()
    }

    // MARK: Support

    private mutating func compiled(_ pattern: String) -> CompiledPattern {
        if let known = patterns[pattern] { return known }
        let compiled: CompiledPattern
        do {
            compiled = .regex(try Regex(pattern))
        } catch {
            compiled = .invalid
        }
        patterns[pattern] = compiled
        return compiled
    }

    private mutating func node(_ token: PathToken, under parent: Int) -> Int {
        pathParents.append(parent)
        pathTokens.append(token)
        return pathTokens.count - 1
    }

    private mutating func report(_ message: String, at path: Int) {
        guard violations.count < maximumViolations else { return }
        violations.append(SchemaViolation(pointer: pointer(for: path), message: message))
    }

    private func pointer(for path: Int) -> String {
        var tokens: [String] = []
        var current = path
        while current >= 0 {
            switch pathTokens[current] {
            case let .key(key): tokens.append(key)
            case let .index(position): tokens.append(String(position))
            }
            current = pathParents[current]
        }
        return JSONPointer.render(tokens.reversed())
    }
}
