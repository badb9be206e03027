/// One validation: the work list, the pointer arena and the violations found so far.
///
/// The schemas of an `anyOf` or a `oneOf` are each checked in a nested run of their own:
/// a sink of violations pushed for the schema, and a marker in the same work list that
/// pops it once everything the schema asked for is checked (the work list is a stack, so
/// the marker is reached exactly then). Nested runs nest without recursion, however deep
/// the value.
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

    /// The schemas of an `anyOf` or a `oneOf` at one value, checked one at a time.
    private struct Choice {
        enum Keyword: String {
            case anyOf, oneOf
        }

        let keyword: Keyword
        let schemas: [CompiledSchema]
        /// The value, with the schema to check replaced by each of ``schemas`` in turn.
        let task: Task
        /// The index of the schema being checked.
        var current = 0
        /// The indexes of the schemas that accepted the value.
        var matches: [Int] = []
        /// The violations of the refusing schema with the fewest so far (the first of equals).
        var closest: [Finding]?

        /// Whether the schemas checked so far decide the outcome: `anyOf` needs one match.
        var isDecided: Bool { current == schemas.count || (keyword == .anyOf && !matches.isEmpty) }
    }

    private enum Work {
        case check(Task)
        /// Check the choice's current schema in a nested run.
        case start(Choice)
        /// The nested run of the choice's current schema is done: its violations are the innermost sink's.
        case settle(Choice)
    }

    /// A violation whose pointer is not rendered yet: most found in nested runs are dropped.
    private struct Finding {
        /// The value's node in the pointer arena.
        let path: Int
        let message: String
    }

    /// Where violations go: the run's own (the first sink), or a nested run's.
    private struct Sink {
        var violations: [Finding] = []
        /// After this many, the run's remaining checks are skipped.
        let limit: Int

        var isFull: Bool { violations.count >= limit }
    }

    private enum PathToken {
        case key(String)
        case index(Int)
    }

    let registry: SchemaRegistry
    let maximumViolations: Int
    /// The run's own sink, then one per nested run in progress, innermost last.
    private var sinks: [Sink]
    private var work: [Work] = []
    /// Pointer arena: each node is a token under a parent node, so paths are only
    /// turned into text when a violation is reported.
    private var pathParents: [Int] = []
    private var pathTokens: [PathToken] = []
    private var patterns: PatternCache

    init(registry: SchemaRegistry, maximumViolations: Int, patterns: PatternCache = PatternCache()) {
        self.registry = registry
        self.maximumViolations = maximumViolations
        self.patterns = patterns
        sinks = [Sink(limit: maximumViolations)]
    }

    mutating func validate(_ value: JSONValue, against root: CompiledSchema) -> [SchemaViolation] {
        work.append(.check(Task(value: value, node: root, path: -1, hops: 0)))
        while !sinks[0].isFull, let item = work.popLast() {
            switch item {
            // A full nested run skips the rest of its checks, and the choices in them.
            case let .check(task): if !isInnermostSinkFull { visit(task) }
            case let .start(choice): if !isInnermostSinkFull { start(choice) }
            case let .settle(choice): settle(choice)
            }
        }
        return sinks[0].violations.map { SchemaViolation(pointer: pointer(for: $0.path), message: $0.message) }
    }

    private mutating func visit(_ task: Task) {
        let value = task.value
        let node = task.node
        let schema = node.schema
        if case .null = value, schema.allowsNull { return }
        if let name = schema.reference { follow(registry.referenced(by: node), named: name, from: task) }
        guard checkType(value, schema, at: task.path) else { return }
        report(Keywords.value(value, schema), of: value, at: task.path)
        switch value {
        case let .string(string): report(Keywords.string(string, schema, patterns: &patterns), of: value, at: task.path)
        case let .number(number): report(Keywords.number(number, schema), of: value, at: task.path)
        case let .array(items): checkArray(items, node, at: task.path)
        case let .object(members): checkObject(members, node, at: task.path)
        case .null, .bool: break
        }
        checkComposition(task)
    }

    // MARK: Composition

    /// Queues `allOf`, `oneOf` and `anyOf`, so they are checked in that order, after the
    /// value's own keywords and before its members and items.
    private mutating func checkComposition(_ task: Task) {
        let node = task.node
        if !node.anyOf.isEmpty {
            work.append(.start(Choice(keyword: .anyOf, schemas: node.anyOf, task: task)))
        }
        if !node.oneOf.isEmpty {
            if let discriminator = node.schema.discriminator {
                checkDiscriminated(task, discriminator)
            } else {
                work.append(.start(Choice(keyword: .oneOf, schemas: node.oneOf, task: task)))
            }
        }
        for schema in node.allOf.reversed() {
            work.append(.check(Task(value: task.value, node: schema, path: task.path, hops: task.hops)))
        }
    }

    /// Checks the value against the one schema its discriminator picks; a value that picks
    /// none is accepted (a kind added to the API after the spec).
    private mutating func checkDiscriminated(_ task: Task, _ discriminator: JSONSchema.Discriminator) {
        switch discriminator.lookup(in: task.value) {
        case let .missing(depth):
            let object = node(discriminator.propertyPath.prefix(depth), under: task.path)
            report("missing discriminator '\(discriminator.propertyName)'", at: object)
        case let .notString(found):
            report("expected string, got \(found.typeName)", at: node(discriminator.propertyPath, under: task.path))
        case let .found(kind):
            if let name = task.node.kindSchemaNames[kind] {
                follow(registry.compiled(named: name), named: name, from: task)
            }
        }
    }

    /// Pushes the nested run of the choice's current schema, above the marker that settles it.
    private mutating func start(_ choice: Choice) {
        // Once one schema matched, the others only need to pass or fail; until then, a schema
        // with as many violations as the closest one so far cannot be the closest.
        let limit = choice.matches.isEmpty ? (choice.closest?.count ?? maximumViolations) : 1
        work.append(.settle(choice))
        sinks.append(Sink(limit: limit))
        let task = choice.task
        work.append(.check(Task(value: task.value, node: choice.schemas[choice.current], path: task.path, hops: task.hops)))
    }

    /// Records the outcome of the choice's current schema, then checks the next one or reports.
    private mutating func settle(_ choice: Choice) {
        var choice = choice
        let violations = sinks.removeLast().violations
        if violations.isEmpty {
            choice.matches.append(choice.current)
        } else if violations.count < choice.closest?.count ?? .max {
            choice.closest = violations
        }
        choice.current += 1
        guard choice.isDecided else { return start(choice) }
        let schemas = "the \(choice.schemas.count) schemas of \(choice.keyword.rawValue)"
        switch choice.matches.count {
        case 0:
            report("matched none of \(schemas)", at: choice.task.path)
            for finding in choice.closest ?? [] { report(finding.message, at: finding.path) }
        case 1:
            break
        default:
            let indexes = choice.matches.map(String.init).joined(separator: ", ")
            report("matched \(choice.matches.count) of \(schemas) (\(indexes); exactly one must match)", at: choice.task.path)
        }
    }

    /// Queues the value against `target`, the registry's schema `name`, as a `$ref` does
    /// (nil: the registry has no such schema).
    private mutating func follow(_ target: CompiledSchema?, named name: String, from task: Task) {
        guard let target else {
            return report("unresolved reference '#/schemas/\(name)'", at: task.path)
        }
        guard task.hops < Self.maximumReferenceHops else {
            return report("reference chain through '#/schemas/\(name)' is too long", at: task.path)
        }
        work.append(.check(Task(value: task.value, node: target, path: task.path, hops: task.hops + 1)))
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

    /// Reports each keyword failure of `value`.
    private mutating func report(_ failures: [KeywordFailure], of value: JSONValue, at path: Int) {
        for failure in failures { report(failure.message(for: value), at: path) }
    }

    private mutating func checkArray(_ items: [JSONValue], _ node: CompiledSchema, at path: Int) {
        report(Keywords.itemCount(items.count, node.schema), of: .array(items), at: path)
        guard let itemSchema = node.items else { return }
        for position in items.indices.reversed() {
            let child = self.node(.index(position), under: path)
            work.append(.check(Task(value: items[position], node: itemSchema, path: child, hops: 0)))
        }
    }

    /// Members are checked in sorted key order: declared properties and other members
    /// merged, so the order does not depend on which are declared.
    private mutating func checkObject(_ members: JSONObject, _ node: CompiledSchema, at path: Int) {
        for name in node.required where members[name] == nil {
            report("missing required property '\(name)'", at: path)
        }
        if case .allowed(true) = node.additional {
            // Only declared properties have anything to check: no need to look at the others.
            guard !node.properties.isEmpty else { return }
            let start = work.count
            for property in node.properties {
                guard let member = members[property.name] else { continue }
                work.append(.check(Task(value: member, node: property.schema, path: self.node(.key(property.name), under: path), hops: 0)))
            }
            work[start...].reverse()
            return
        }
        let start = work.count
        for (key, member) in members.sorted(by: { $0.key < $1.key }) {
            switch node.rule(forMember: key) {
            case let .schema(memberSchema):
                work.append(.check(Task(value: member, node: memberSchema, path: self.node(.key(key), under: path), hops: 0)))
            case .unchecked: continue
            case .forbidden: report("unexpected property '\(key)'", at: path)
            }
        }
        work[start...].reverse()
    }

    // MARK: Support

    private mutating func node(_ token: PathToken, under parent: Int) -> Int {
        pathParents.append(parent)
        pathTokens.append(token)
        return pathTokens.count - 1
    }

    /// The node of the member reached through `keys`, one object after another, from `parent`.
    private mutating func node(_ keys: some Sequence<String>, under parent: Int) -> Int {
        keys.reduce(parent) { parent, key in node(.key(key), under: parent) }
    }

    private var isInnermostSinkFull: Bool { sinks[sinks.count - 1].isFull }

    /// Adds a violation to the innermost sink, unless it is full.
    private mutating func report(_ message: String, at path: Int) {
        guard !isInnermostSinkFull else { return }
        sinks[sinks.count - 1].violations.append(Finding(path: path, message: message))
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
