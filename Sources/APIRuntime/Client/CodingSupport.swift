/// What generated models use to code what synthesized `Codable` cannot: a discriminated
/// `oneOf` and a property that refers back to its own type.

/// Reads the discriminator of a discriminated `oneOf` from the value being decoded.
public enum Discriminator {
    /// The string at `path` (`["attributes", "objectType"]`) through nested objects; nil
    /// when a member is missing or the value is not a string.
    /// - Throws: when the value being decoded is not an object.
    public static func value(at path: [String], in decoder: any Decoder) throws -> String? {
        guard let last = path.last else { return nil }
        var container = try decoder.container(keyedBy: AnyCodingKey.self)
        for name in path.dropLast() {
            let key = AnyCodingKey(name)
            guard container.contains(key), let nested = try? container.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key) else {
                return nil
            }
            container = nested
        }
        return try? container.decodeIfPresent(String.self, forKey: AnyCodingKey(last))
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

extension Indirect: Decodable where Value: Decodable {
    public convenience init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }
}

/// The members of an object that its model does not declare: kept when decoding, written
/// back when encoding, so that a field Microsoft adds is never lost.
public enum AdditionalMembers {
    /// The members of the object being decoded whose keys are none of `Keys`.
    /// - Throws: when the value being decoded is not an object.
    public static func decode<Keys: CodingKey>(from decoder: any Decoder, besides keys: Keys.Type) throws -> [String: JSONValue] {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        var members: [String: JSONValue] = [:]
        for key in container.allKeys where Keys(stringValue: key.stringValue) == nil {
            members[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
        }
        return members
    }

    /// Writes `members` into the object being encoded, beside its declared properties.
    public static func encode(_ members: [String: JSONValue], to encoder: any Encoder) throws {
        guard !members.isEmpty else { return }
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        for key in members.keys.sorted() {
            try container.encode(members[key], forKey: AnyCodingKey(key))
        }
    }
}
