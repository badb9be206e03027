/// An entry of a ``KeyedEntries``: a value under a string key.
public protocol KeyedEntry: Sendable, Hashable {
    associatedtype Value: Sendable & Hashable
    /// What the entry is looked up by, unique in its collection.
    var key: String { get }
    /// What the key holds.
    var entryValue: Value { get set }
    init(key: String, entryValue: Value)
}

/// Entries with distinct keys, kept in the order given (the order a spec writes them in, which
/// the generated code follows) and looked up by key: a schema's properties, a discriminator's
/// mapping. Two are equal when they hold the same entries, in whatever order, as JSON objects are.
///
/// A few entries are looked up by comparing keys; past ``indexThreshold`` of them (a hostile
/// spec or document) an index by key keeps every lookup and addition constant-time.
public struct KeyedEntries<Entry: KeyedEntry>: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral {
    private var entries: [Entry] = []
    /// Key → position in ``entries``, kept only past ``indexThreshold`` entries.
    private var positions: [String: Int]?

    /// The entry count above which an index by key is kept.
    public static var indexThreshold: Int { 32 }

    /// The given entries; a key given twice keeps its first value.
    public init(_ entries: some Sequence<Entry>) {
        for entry in entries where position(of: entry.key) == nil { append(entry) }
    }

    public init(dictionaryLiteral elements: (String, Entry.Value)...) {
        self.init(elements.map { Entry(key: $0.0, entryValue: $0.1) })
    }

    /// The value under `key`; setting one adds the entry (last) or replaces its value,
    /// setting nil removes it.
    public subscript(key: String) -> Entry.Value? {
        get { position(of: key).map { entries[$0].entryValue } }
        set {
            switch (position(of: key), newValue) {
            case let (position?, value?): entries[position].entryValue = value
            case let (position?, nil):
                entries.remove(at: position)
                if positions != nil { indexEntries() }
            case let (nil, value?): append(Entry(key: key, entryValue: value))
            case (nil, nil): break
            }
        }
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// Adds an entry whose key is not there yet.
    private mutating func append(_ entry: Entry) {
        entries.append(entry)
        if positions != nil {
            positions?[entry.key] = entries.count - 1
        } else if entries.count > Self.indexThreshold {
            indexEntries()
        }
    }

    private mutating func indexEntries() {
        positions = entries.count > Self.indexThreshold
            ? Dictionary(entries.enumerated().map { ($1.key, $0) }) { first, _ in first } : nil
    }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    public var startIndex: Int { entries.startIndex }
    public var endIndex: Int { entries.endIndex }
    public subscript(position: Int) -> Entry { entries[position] }

    public static func == (lhs: KeyedEntries, rhs: KeyedEntries) -> Bool {
        lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.entryValue }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(entries.count)
        hasher.combine(entries.reduce(0) { $0 ^ $1.hashValue })
    }
}
