extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append(try array.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyCodingKey.self) {
            var members = JSONObject()
            for key in object.allKeys { members[key.stringValue] = try object.decode(JSONValue.self, forKey: key) }
            self = .object(members)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            self = .null
        } else if let value = try? single.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? single.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? single.decode(Double.self) {
            self = .double(value)
        } else {
            self = .string(try single.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case let .bool(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case let .number(number):
            var single = encoder.singleValueContainer()
            if let value = Int(number.text) {
                try single.encode(value)
            } else {
                try single.encode(number.doubleValue ?? 0)
            }
        case let .string(value):
            var single = encoder.singleValueContainer()
            try single.encode(value)
        case let .array(items):
            var array = encoder.unkeyedContainer()
            for item in items { try array.encode(item) }
        case let .object(members):
            var object = encoder.container(keyedBy: AnyCodingKey.self)
            for member in members.sorted(by: { $0.key < $1.key }) {
                try object.encode(member.value, forKey: AnyCodingKey(member.key))
            }
        }
    }
}

/// A coding key made from any string.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) { stringValue = string }
    /// The key of an array position.
    init(index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(index: intValue) }
}
