/// What generated models use to code a discriminated `oneOf` and a property that refers back
/// to its own type.

/// Reads the discriminator of a discriminated `oneOf` from the value being decoded.
public enum Discriminator {
    /// The string at `path` (`["attributes", "objectType"]`) through nested objects of `json`;
    /// nil when a member is missing or the value is not a string.
    public static func value(at path: [String], in json: JSONValue) -> String? {
        var current = json
        for name in path {
            guard let member = current[name] else { return nil }
            current = member
        }
        return current.stringValue
    }
}

/// A value kept behind a reference: how a model holds a property of its own type (a
/// `Node` with a `next: Node?`), which a struct cannot store inline.
public final class Indirect<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The value.
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public static func == (lhs: Indirect, rhs: Indirect) -> Bool {
        lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

extension Indirect: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try value.encode(to: encoder)
    }
}

extension Indirect: JSONCodable where Value: JSONCodable {
    public convenience init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        self.init(try Value(fromJSON: json))
    }

    public func toJSON() -> JSONValue { value.toJSON() }
}

extension Indirect: Decodable where Value: Decodable {
    public convenience init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }
}
