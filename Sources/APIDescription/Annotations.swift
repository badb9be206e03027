import JSONValues

/// What a schema or an operation says to people rather than to a validator: its title or
/// summary, its description, and the flags a tool shows or warns of (`deprecated`).
///
/// The one place that knows these keywords: the spec loader, the compiled document's reader
/// and writer and the OpenAPI export all go through ``Keyword/allCases``, so a new annotation
/// is a new case here (and, when Swift should say it, in the generator's decorations).
///
/// The values are kept as a short list, so a schema that says nothing (every schema the
/// runtime validates with) carries no more than an empty array.
public struct Annotations: Sendable, Hashable {
    /// One value said: a string for a text, `true` for a set flag.
    private struct Entry: Sendable, Hashable {
        let keyword: Keyword
        let value: JSONValue
    }

    /// The values said, in the order of their keywords' names (one value per keyword).
    private var entries: [Entry] = []

    public init(title: String? = nil, summary: String? = nil, description: String? = nil, isDeprecated: Bool = false) {
        self.title = title
        self.summary = summary
        self.description = description
        self.isDeprecated = isDeprecated
    }

    /// A short name for people (`title`, schemas only).
    public var title: String? {
        get { self[.title]?.stringValue }
        set { put(.title, newValue.map(JSONValue.string)) }
    }

    /// A one-line summary (`summary`, operations only).
    public var summary: String? {
        get { self[.summary]?.stringValue }
        set { put(.summary, newValue.map(JSONValue.string)) }
    }

    /// What the value or operation means (`description`).
    public var description: String? {
        get { self[.description]?.stringValue }
        set { put(.description, newValue.map(JSONValue.string)) }
    }

    /// `deprecated: true`: still accepted or served, but on its way out. Beside `$ref` it
    /// marks the use site, not the named schema.
    public var isDeprecated: Bool {
        get { self[.deprecated] != nil }
        set { put(.deprecated, newValue ? .bool(true) : nil) }
    }

    /// What carries an annotation.
    public enum Subject: Sendable {
        case schema, operation
    }

    /// One annotation keyword, spelt as in the spec, the compiled document and OpenAPI.
    public enum Keyword: String, Sendable, CaseIterable {
        case title, summary, description, deprecated

        /// The kind of value it takes.
        public enum Kind: Sendable {
            /// A string.
            case text
            /// A boolean; `true` sets the flag, and only a set flag is written.
            case flag
        }

        public var kind: Kind {
            self == .deprecated ? .flag : .text
        }

        /// Whether a `subject` may carry it: `title` belongs to schemas, `summary` to operations.
        public func applies(to subject: Subject) -> Bool {
            switch self {
            case .title: subject == .schema
            case .summary: subject == .operation
            case .description, .deprecated: true
            }
        }

        /// The keywords a `subject` may carry, in declaration order.
        public static func all(for subject: Subject) -> [Keyword] {
            subject == .schema ? ofSchemas : ofOperations
        }

        private static let ofSchemas = allCases.filter { $0.applies(to: .schema) }
        private static let ofOperations = allCases.filter { $0.applies(to: .operation) }
    }

    /// The value of `keyword`: a string for a text, `true` for a set flag, else nil.
    public subscript(keyword: Keyword) -> JSONValue? {
        entries.first { $0.keyword == keyword }?.value
    }

    /// Keeps `value` for `keyword` (none when nil) in its place in the keyword order, so that
    /// equal annotations have equal entries however they were set. Setting nothing where
    /// nothing is kept (every schema's initial value) leaves the array untouched.
    private mutating func put(_ keyword: Keyword, _ value: JSONValue?) {
        if let index = entries.firstIndex(where: { $0.keyword == keyword }) { entries.remove(at: index) }
        guard let value else { return }
        let position = entries.firstIndex { $0.keyword.rawValue > keyword.rawValue } ?? entries.endIndex
        entries.insert(Entry(keyword: keyword, value: value), at: position)
    }

    /// Sets `keyword` from `value`; false (nothing set) when the value is not of the keyword's kind.
    @discardableResult
    public mutating func set(_ keyword: Keyword, to value: JSONValue) -> Bool {
        switch (keyword.kind, value) {
        case (.text, .string): put(keyword, value)
        case let (.flag, .bool(flag)): put(keyword, flag ? value : nil)
        default: return false
        }
        return true
    }

    /// The set flags by keyword (`["deprecated"]`): what a listing marks beside a name and
    /// what a call warns of.
    public var flags: [String] {
        Keyword.allCases.filter { $0.kind == .flag && self[$0] != nil }.map(\.rawValue)
    }

    /// The annotations as JSON members by keyword, nil where there is none (the object
    /// writers skip those): one spelling for the compiled document and OpenAPI.
    public var members: [(keyword: String, value: JSONValue?)] {
        Keyword.allCases.map { ($0.rawValue, self[$0]) }
    }
}
