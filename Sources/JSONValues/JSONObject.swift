/// A JSON object: its members in the order they were received (or added), each key once.
///
/// The parser stores an object's members as it reads them, in one array, without hashing a
/// key into a table per member: a page of customers is thousands of small objects, and
/// building a `Dictionary` for each was the largest single cost of parsing it. Lookups by
/// key compare keys in place; an object of more than ``indexThreshold`` members (a map-like
/// object, or hostile input) also keeps an index from key to position, so no lookup or
/// update is slower than a dictionary's in the large.
///
/// Two objects are equal when they have the same members, in any order, as JSON objects are.
/// Iterating gives `(key:, value:)` pairs in member order; ``JSONWriter`` still writes keys
/// sorted, so output does not depend on it.
public struct JSONObject: Sendable {
    public typealias Element = (key: String, value: JSONValue)

    /// The members, in order; no key appears twice.
    @usableFromInline package var members: [Element]
    /// Key → position in ``members``, kept only for objects of more than ``indexThreshold`` members.
    @usableFromInline var positionsByKey: [String: Int]?

    /// The member count above which an object keeps an index by key: past the records of
    /// Microsoft's billing exports (up to 54 members), which are parsed a million at a time and
    /// validated without looking members up (building the index was a tenth of their cost).
    public static let indexThreshold = 64

    /// An empty object.
    public init() {
        members = []
    }

    /// The members of `dictionary`, in the order of their keys (so the same dictionary
    /// always gives the same order).
    public init(_ dictionary: [String: JSONValue]) {
        self.init(uniqueMembers: dictionary.sorted { $0.key < $1.key })
    }

    /// The given members; a key given twice keeps its last value, at its first position.
    public init(_ members: some Sequence<Element>) {
        self.init()
        for (key, value) in members { self[key] = value }
    }

    /// Members the caller knows to have distinct keys (the parser, which has checked).
    package init(uniqueMembers members: [Element]) {
        self.members = members
        if members.count > Self.indexThreshold { rebuildIndex() }
    }

    /// The member `key`'s value; setting nil removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Sets the member `key` to `value` (appending it when new); returns the value it replaced.
    @discardableResult
    public mutating func updateValue(_ value: JSONValue, forKey key: String) -> JSONValue? {
        if let position = position(of: key) {
            let old = members[position].value
            members[position].value = value
            return old
        }
        members.append((key, value))
        if positionsByKey != nil {
            positionsByKey?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
        return nil
    }

    /// Removes the member `key`; returns its value, or nil when there was none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        let removed = members.remove(at: position)
        if positionsByKey != nil {
            if members.count > Self.indexThreshold { rebuildIndex() } else { positionsByKey = nil }
        }
        return removed.value
    }

    /// The keys, in member order.
    public var keys: [String] { members.map(\.key) }

    /// The values, in member order.
    public var values: [JSONValue] { members.map(\.value) }

    /// The members, as a dictionary.
    public var dictionary: [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: members.lazy.map { ($0.key, $0.value) })
    }

    /// The object with each value transformed, in the same order.
    public func mapValues(_ transform: (JSONValue) throws -> JSONValue) rethrows -> JSONObject {
        var mapped = self
        for position in mapped.members.indices {
            mapped.members[position].value = try transform(mapped.members[position].value)
        }
        return mapped
    }

    /// The members that satisfy `isIncluded`, in the same order.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> JSONObject {
        JSONObject(uniqueMembers: try members.filter(isIncluded))
    }

    /// This object's members, then `other`'s that it lacks; for a key in both, `combine` of
    /// the two values (this object's first) takes its place.
    public func merging(
        _ other: JSONObject, uniquingKeysWith combine: (JSONValue, JSONValue) throws -> JSONValue
    ) rethrows -> JSONObject {
        var merged = self
        for (key, value) in other {
            if let position = merged.position(of: key) {
                merged.members[position].value = try combine(merged.members[position].value, value)
            } else {
                merged.updateValue(value, forKey: key)
            }
        }
        return merged
    }

    /// The position of the member `key`, or nil.
    @inlinable
    public func position(of key: String) -> Int? {
        position(of: key, from: 0)
    }

    /// The position of the member `key`, or nil; the search starts at `hint` and wraps
    /// around, so a reader that asks for members in the order they come finds each at once.
    @inlinable
    public func position(of key: String, from hint: Int) -> Int? {
        if let positionsByKey { return positionsByKey[key] }
        let count = members.count
        guard count > 0 else { return nil }
        let keyLength = key.utf8.count
        // The keys are compared where they are (no copy, so no retain and release of each).
        return members.withUnsafeBufferPointer { members in
            var position = hint < count ? hint : 0
            for _ in 0..<count {
                if members[position].key.utf8.count == keyLength, members[position].key == key { return position }
                position += 1
                if position == count { position = 0 }
            }
            return nil
        }
    }

    private mutating func rebuildIndex() {
        var positions = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { positions[member.key] = position }
        positionsByKey = positions
    }
}

extension JSONObject: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }

    @inlinable
    public subscript(position: Int) -> Element { members[position] }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// The members as written; a key written twice keeps its last value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.lazy.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONObject: Hashable {
    /// Whether the two objects have the same members, in whatever order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (position, member) in lhs.members.enumerated() {
            guard let other = rhs.position(of: member.key, from: position), rhs.members[other].value == member.value else {
                return false
            }
        }
        return true
    }

    /// Hashes the members independently of their order (as `Dictionary` does).
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: CustomStringConvertible {
    /// The object as compact JSON, keys sorted.
    public var description: String { JSONWriter.string(from: .object(self)) }
}
