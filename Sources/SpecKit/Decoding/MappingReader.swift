/// Reads the keys of one YAML mapping into typed values, reporting every problem it meets:
/// a key that is not allowed (with a suggestion), a missing required key, a value of the wrong shape.
struct MappingReader {
    let node: YAMLNode
    private let pairs: [(key: YAMLNode, value: YAMLNode)]

    /// Reads `node` as a mapping whose keys must be among `allowed` (any key when nil); nil
    /// (after a diagnostic) when it is not a mapping. `what` names the node in messages.
    init?(_ node: YAMLNode, what: String, allowed: [String]?, diagnostics: inout DiagnosticCollector) {
        guard case let .mapping(pairs) = node.content else {
            diagnostics.error("\(what) must be a mapping, found \(node.kindName)", at: node.location)
            return nil
        }
        self.node = node
        self.pairs = pairs
        for pair in pairs {
            guard let key = pair.key.scalar else {
                diagnostics.error("keys must be scalars, found \(pair.key.kindName)", at: pair.key.location)
                continue
            }
            if let allowed, !allowed.contains(key) {
                diagnostics.error("unknown keyword '\(key)'\(Suggestion.clause(for: key, in: allowed))", at: pair.key.location)
            }
        }
    }

    /// The entries whose keys are scalars, in document order.
    var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        pairs.compactMap { pair in pair.key.scalar.map { ($0, pair.key, pair.value) } }
    }

    /// The value of `key`, if present.
    subscript(key: String) -> YAMLNode? {
        pairs.first { $0.key.scalar == key }?.value
    }

    /// The key node of `key`, if present (for diagnostics that point at the key).
    func keyNode(_ key: String) -> YAMLNode? {
        pairs.first { $0.key.scalar == key }?.key
    }

    /// The value of a required `key`; reports its absence at `owner` (the key that names this
    /// mapping, as swiftc points at a declaration's name) or else at the mapping.
    func required(_ key: String, in what: String, owner: YAMLNode? = nil, diagnostics: inout DiagnosticCollector) -> YAMLNode? {
        if let value = self[key] { return value }
        diagnostics.error("\(what) is missing required key '\(key)'", at: (owner ?? node).location)
        return nil
    }

    func string(_ key: String, diagnostics: inout DiagnosticCollector) -> String? {
        self[key].flatMap { ScalarReader.string($0, key: key, diagnostics: &diagnostics) }
    }

    func bool(_ key: String, diagnostics: inout DiagnosticCollector) -> Bool? {
        self[key].flatMap { ScalarReader.bool($0, key: key, diagnostics: &diagnostics) }
    }

    func integer(_ key: String, minimum: Int = 0, diagnostics: inout DiagnosticCollector) -> Int? {
        self[key].flatMap { ScalarReader.integer($0, key: key, minimum: minimum, diagnostics: &diagnostics) }
    }

    func number(_ key: String, diagnostics: inout DiagnosticCollector) -> JSONNumber? {
        self[key].flatMap { ScalarReader.number($0, key: key, diagnostics: &diagnostics) }
    }

    /// The ``Annotations`` a `subject` may carry, each keyword read as its kind.
    func annotations(for subject: Annotations.Subject, diagnostics: inout DiagnosticCollector) -> Annotations {
        var annotations = Annotations()
        for keyword in Annotations.Keyword.all(for: subject) {
            let value: JSONValue? =
                switch keyword.kind {
                case .text: string(keyword.rawValue, diagnostics: &diagnostics).map(JSONValue.string)
                case .flag: bool(keyword.rawValue, diagnostics: &diagnostics).map(JSONValue.bool)
                }
            if let value { annotations.set(keyword, to: value) }
        }
        return annotations
    }

    /// A value that is one of `choices`.
    func choice(_ key: String, among choices: [String], diagnostics: inout DiagnosticCollector) -> String? {
        guard let node = self[key], let text = ScalarReader.string(node, key: key, diagnostics: &diagnostics) else {
            return nil
        }
        guard choices.contains(text) else {
            let list = choices.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.error("'\(key)' must be one of \(list), found '\(text)'\(Suggestion.clause(for: text, in: choices))", at: node.location)
            return nil
        }
        return text
    }
}

/// Typed readings of scalar nodes, with a diagnostic at the node when the reading fails.
enum ScalarReader {
    static func string(_ node: YAMLNode, key: String, diagnostics: inout DiagnosticCollector) -> String? {
        guard let text = node.scalar, !node.isNull else {
            diagnostics.error("'\(key)' must be a string, found \(node.kindName)", at: node.location)
            return nil
        }
        return text
    }

    static func bool(_ node: YAMLNode, key: String, diagnostics: inout DiagnosticCollector) -> Bool? {
        switch node.content {
        case .scalar("true", isPlain: true): return true
        case .scalar("false", isPlain: true): return false
        default:
            diagnostics.error("'\(key)' must be true or false, found \(describe(node))", at: node.location)
            return nil
        }
    }

    static func integer(_ node: YAMLNode, key: String, minimum: Int, diagnostics: inout DiagnosticCollector) -> Int? {
        guard case let .scalar(text, isPlain: true) = node.content, let value = Int(text) else {
            diagnostics.error("'\(key)' must be an integer, found \(describe(node))", at: node.location)
            return nil
        }
        guard value >= minimum else {
            diagnostics.error("'\(key)' must be at least \(minimum), found \(value)", at: node.location)
            return nil
        }
        return value
    }

    static func number(_ node: YAMLNode, key: String, diagnostics: inout DiagnosticCollector) -> JSONNumber? {
        guard case let .scalar(text, isPlain: true) = node.content, let value = yamlNumber(text) else {
            diagnostics.error("'\(key)' must be a number, found \(describe(node))", at: node.location)
            return nil
        }
        return value
    }

    /// A sequence of strings.
    static func strings(_ node: YAMLNode, key: String, diagnostics: inout DiagnosticCollector) -> [(String, YAMLNode)]? {
        guard case let .sequence(items) = node.content else {
            diagnostics.error("'\(key)' must be a sequence, found \(node.kindName)", at: node.location)
            return nil
        }
        return items.compactMap { item in string(item, key: key, diagnostics: &diagnostics).map { ($0, item) } }
    }

    /// A YAML value read as JSON: plain scalars become null, booleans or numbers where they read so.
    static func value(_ node: YAMLNode) -> JSONValue {
        switch node.content {
        case let .scalar(text, isPlain):
            guard isPlain else { return .string(text) }
            if node.isNull { return .null }
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            if let integer = Int(text) { return .integer(integer) }
            if let number = yamlNumber(text) { return .number(number) }
            return .string(text)
        case let .sequence(items):
            return .array(items.map(value))
        case let .mapping(pairs):
            return .object(JSONObject(pairs.map { (key: $0.key.scalar ?? "", value: value($0.value)) }))
        }
    }

    /// The number a YAML plain scalar reads as, kept as its JSON literal so that a bound like
    /// `0.1` or one of thirty digits reaches the compiled document and the export as written:
    /// the text when it is a JSON number literal (`1.50`, `1e-7`), else the value's shortest
    /// form (YAML's `+5` or `0x1A`). Nil when it is no number, starts with a `.`, or is not
    /// finite (JSON has no `inf` or `nan`).
    static func yamlNumber(_ text: String) -> JSONNumber? {
        if let number = JSONNumber(validating: text) {
            return number.doubleValue?.isFinite == true ? number : nil
        }
        guard text.first != ".", let value = Double(text), value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 { return JSONNumber(Int(value)) }
        return JSONNumber(value)
    }

    /// A short description of a node for "found …" messages.
    static func describe(_ node: YAMLNode) -> String {
        if let text = node.scalar, !node.isNull {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "'\(shown)'"
        }
        return node.kindName
    }
}
