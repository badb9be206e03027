/// A YAML node with the position of its first character.
///
/// Aliases are already expanded: an alias node is the node its anchor names.
public struct YAMLNode: Sendable, Hashable {
    /// The shapes of YAML content.
    public enum Content: Sendable, Hashable {
        /// A scalar's text; `isPlain` is false when it was quoted or a block scalar,
        /// which makes it a string whatever it reads like.
        case scalar(String, isPlain: Bool)
        /// Key-value pairs in document order (duplicates are reported by the loader).
        case mapping([(key: YAMLNode, value: YAMLNode)])
        /// Items in document order.
        case sequence([YAMLNode])

        public static func == (lhs: Content, rhs: Content) -> Bool {
            switch (lhs, rhs) {
            case let (.scalar(a, pa), .scalar(b, pb)): a == b && pa == pb
            case let (.sequence(a), .sequence(b)): a == b
            case let (.mapping(a), .mapping(b)):
                a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case let .scalar(text, isPlain):
                hasher.combine(0)
                hasher.combine(text)
                hasher.combine(isPlain)
            case let .mapping(pairs):
                hasher.combine(1)
                for pair in pairs {
                    hasher.combine(pair.key)
                    hasher.combine(pair.value)
                }
            case let .sequence(items):
                hasher.combine(2)
                hasher.combine(items)
            }
        }
    }

    /// What the node holds.
    public var content: Content
    /// Where the node starts.
    public var location: SourceLocation

    /// Creates a node.
    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    /// The scalar text, when the node is a scalar.
    public var scalar: String? {
        if case let .scalar(text, _) = content { text } else { nil }
    }

    /// A plain scalar that YAML reads as null (`~`, `null`, or nothing).
    public var isNull: Bool {
        if case let .scalar(text, isPlain) = content, isPlain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// A human name for the node's shape, used in diagnostics.
    public var kindName: String {
        switch content {
        case .scalar: isNull ? "null" : "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a sequence"
        }
    }
}
