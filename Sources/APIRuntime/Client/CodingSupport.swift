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
