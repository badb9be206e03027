import CYAML

/// Reads one YAML document with libyaml's event API, keeping the position of every node.
///
/// The loader is iterative (no recursion on nesting), bounds nesting depth and alias
/// expansion, and reports duplicate keys. It never stops at the first problem it can step
/// past; libyaml's own syntax errors end the file, since nothing after them is reliable.
public struct YAMLLoader: Sendable {
    /// The deepest nesting of mappings and sequences accepted.
    public var maximumDepth: Int
    /// The most nodes that aliases may add to a document, counting each alias as the whole
    /// node it repeats (so an alias of a node holding aliases counts their expansion too).
    /// Nodes written out in the file are never counted: a spec without aliases, however
    /// large, is never refused by this limit.
    public var maximumAliasExpansion: Int

    /// Creates a loader with limits far above any real spec and far below harm: 256 levels
    /// (a schema nested a hundred objects deep needs about 200), and a million nodes from
    /// aliases (a "billion laughs" document is stopped after about a million steps).
    public init(maximumDepth: Int = 256, maximumAliasExpansion: Int = 1_000_000) {
        self.maximumDepth = maximumDepth
        self.maximumAliasExpansion = maximumAliasExpansion
    }

    /// Parses `text`, naming `file` in positions and diagnostics.
    ///
    /// - Returns: the root node (nil when the document could not be read) and every problem found.
    public func load(_ text: String, file: String) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        var session = ParseSession(file: file, limits: self)
        // The text's own bytes (a native string's are contiguous), else a copy; an empty
        // text is read as an empty line.
        var text = text
        if text.isEmpty { text = "\n" }
        if let result = text.utf8.withContiguousStorageIfAvailable({ session.run($0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { session.run($0) }
    }
}

/// The state of one parse: a stack of open collections and the anchors seen so far.
private struct ParseSession {
    /// An open mapping or sequence, filled in place as its children complete.
    private struct Frame {
        var isMapping: Bool
        var start: SourceLocation
        var anchor: String?
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var items: [YAMLNode] = []
        var pendingKey: YAMLNode?
        var size = 1
    }

    let file: String
    let limits: YAMLLoader
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasExpansion = 0
    private var root: YAMLNode?
    private var documents = 0
    private var collector = DiagnosticCollector()
    /// Just past the input's last character: no position points beyond it. (At the end of a
    /// last line without a line break, libyaml's marks are on a line the file does not have:
    /// an empty value after `---`, or a syntax error at the end.)
    private var endOfInput: SourceLocation?

    init(file: String, limits: YAMLLoader) {
        self.file = file
        self.limits = limits
    }

    mutating func run(_ input: UnsafeBufferPointer<UInt8>) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            collector.error("libyaml could not start a parser", at: location(line: 0, column: 0))
            return (nil, collector.sorted)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
        endOfInput = SourceLocation(file: file, byteOffset: input.count, in: input)

        var finished = false
        while !finished {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportSyntaxError(parser, input: input)
                return (nil, collector.sorted)
            }
            defer { yaml_event_delete(&event) }
            finished = handle(event)
        }
        if root == nil, !collector.hasErrors {
            collector.error("the file holds no YAML document", at: location(line: 0, column: 0))
        }
        return (collector.hasErrors && root == nil ? nil : root, collector.sorted)
    }

    /// Handles one event; returns true when parsing should stop.
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        let start = location(line: event.start_mark.line, column: event.start_mark.column)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                collector.error("a spec file holds one YAML document; a second one starts here", at: start)
                return true
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = string(scalar.value, length: scalar.length) ?? ""
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE && scalar.tag == nil
            return complete(YAMLNode(.scalar(text, isPlain: isPlain), at: start), size: 1, anchor: string(scalar.anchor))
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let anchored = anchors[name] else {
                collector.error("alias '*\(name)' names no anchor defined before it", at: start)
                return true
            }
            return complete(anchored.node, size: anchored.size, anchor: nil, at: start)
        case YAML_SEQUENCE_START_EVENT:
            return open(Frame(isMapping: false, start: start, anchor: string(event.data.sequence_start.anchor)))
        case YAML_MAPPING_START_EVENT:
            return open(Frame(isMapping: true, start: start, anchor: string(event.data.mapping_start.anchor)))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            return close()
        default:
            break
        }
        return false
    }

    private mutating func open(_ frame: Frame) -> Bool {
        guard stack.count < limits.maximumDepth else {
            collector.error("nesting deeper than \(limits.maximumDepth) levels", at: frame.start)
            return true
        }
        stack.append(frame)
        return false
    }

    private mutating func close() -> Bool {
        guard let frame = stack.popLast() else { return false }
        if frame.isMapping {
            reportDuplicateKeys(frame.pairs)
            return complete(YAMLNode(.mapping(frame.pairs), at: frame.start), size: frame.size, anchor: frame.anchor)
        }
        return complete(YAMLNode(.sequence(frame.items), at: frame.start), size: frame.size, anchor: frame.anchor)
    }

    /// Adds a finished node to the collection that holds it; returns true to stop parsing.
    ///
    /// `size` is the node's expanded size (itself, its children and what their aliases
    /// expand to). Only an alias (`aliasLocation` set) adds to the alias-expansion count.
    private mutating func complete(_ node: YAMLNode, size: Int, anchor: String?, at aliasLocation: SourceLocation? = nil) -> Bool {
        if let aliasLocation {
            aliasExpansion += size
            if aliasExpansion > limits.maximumAliasExpansion {
                collector.error("aliases expand to more than \(limits.maximumAliasExpansion) nodes", at: aliasLocation)
                return true
            }
        }
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            return false
        }
        let top = stack.count - 1
        stack[top].size += size
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append((key, node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
        return false
    }

    private mutating func reportDuplicateKeys(_ pairs: [(key: YAMLNode, value: YAMLNode)]) {
        var firstSeen: [String: SourceLocation] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar else { continue }
            if let first = firstSeen[key] {
                collector.error("duplicate key '\(key)' (first defined at line \(first.line), column \(first.column))", at: pair.key.location)
            } else {
                firstSeen[key] = pair.key.location
            }
        }
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) {
        let problem = string(parser.problem) ?? "invalid YAML"
        let mark = parser.problem_mark
        var message = problem
        if let context = string(parser.context) {
            message += " \(context) (line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        // libyaml's reader (e.g. "control characters are not allowed") sets no mark, only a byte offset.
        let at = parser.error == YAML_READER_ERROR
            ? SourceLocation(file: file, byteOffset: parser.problem_offset, in: input)
            : location(line: mark.line, column: mark.column)
        collector.error("YAML syntax: \(message)", at: at)
    }

    /// The position of a libyaml mark (0-based line and column), never past the input's end.
    private func location(line: Int, column: Int) -> SourceLocation {
        let location = SourceLocation(file: file, line: line + 1, column: column + 1)
        return endOfInput.map { min(location, $0) } ?? location
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String? {
        guard let pointer else { return nil }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
