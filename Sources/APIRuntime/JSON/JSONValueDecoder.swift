/// Decodes `Decodable` types straight from a parsed ``JSONValue``.
///
/// The runtime has already parsed and validated every body, so decoding from that value
/// avoids parsing the bytes a second time with `JSONDecoder`. Numbers convert exactly: an
/// integer too large for `Int` is a `DecodingError` at its coding path, never a rounded value.
public struct JSONValueDecoder: Sendable {
    public init() {}

    /// `type` decoded from `value`.
    /// - Throws: `DecodingError`, with the coding path of the value that does not fit.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try ValueDecoder(value: value, codingPath: []).decode(type)
    }
}

/// One value being decoded, and where it is.
private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(members) = value else { throw mismatch([String: JSONValue].self) }
        return KeyedDecodingContainer(KeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(items) = value else { throw mismatch([JSONValue].self) }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self)
    }

    /// Decodes `type` from this value: scalars directly, `JSONValue` as it is, the rest by their `init(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let value = value as? T { return value }
        if T.self == String.self, let text = try string() as? T { return text }
        if T.self == Int.self, let number = try integer(Int.self) as? T { return number }
        if T.self == Bool.self, let flag = try bool() as? T { return flag }
        if T.self == Double.self, let number = try double() as? T { return number }
        return try T(from: self)
    }

    func string() throws -> String {
        guard case let .string(text) = value else { throw mismatch(String.self) }
        return text
    }

    func bool() throws -> Bool {
        guard case let .bool(flag) = value else { throw mismatch(Bool.self) }
        return flag
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard case let .number(number) = value else { throw mismatch(type) }
        if let exact = I(number.text) { return exact }
        guard let whole = number.intValue, let converted = I(exactly: whole) else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "the number \(number.text) does not fit \(type)"))
        }
        return converted
    }

    func double() throws -> Double {
        guard case let .number(number) = value else { throw mismatch(Double.self) }
        guard let double = number.doubleValue, double.isFinite else {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "the number \(number.text) does not fit Double"))
        }
        return double
    }

    func mismatch(_ expected: Any.Type) -> DecodingError {
        if case .null = value {
            return .valueNotFound(expected, .init(codingPath: codingPath, debugDescription: "expected \(expected), found null"))
        }
        return .typeMismatch(expected, .init(codingPath: codingPath, debugDescription: "expected \(expected), found \(value.typeName)"))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: JSONObject
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.sorted().compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let member = members[key.stringValue] else { throw missing(key) }
        if case .null = member { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let member = members[key.stringValue] else { throw missing(key) }
        return try ValueDecoder(value: member, codingPath: codingPath + [key]).decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let member = members[key.stringValue] else { return nil }
        if case .null = member { return nil }
        return try ValueDecoder(value: member, codingPath: codingPath + [key]).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        guard let member = members[key.stringValue] else { throw missing(key) }
        return try ValueDecoder(value: member, codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let member = members[key.stringValue] else { throw missing(key) }
        return try ValueDecoder(value: member, codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: members["super"] ?? .null, codingPath: codingPath + [AnyCodingKey("super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }

    private func missing(_ key: Key) -> DecodingError {
        .keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no member '\(key.stringValue)'"))
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    private(set) var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw pastEnd(JSONValue.self) }
        guard case .null = items[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = try next(type)
        let value = try decoder.decode(type)
        currentIndex += 1
        return value
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let container = try next([String: JSONValue].self).container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try next([JSONValue].self).unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = try next(JSONValue.self)
        currentIndex += 1
        return decoder
    }

    private func next(_ type: Any.Type) throws -> ValueDecoder {
        guard !isAtEnd else { throw pastEnd(type) }
        return ValueDecoder(value: items[currentIndex], codingPath: codingPath + [AnyCodingKey(index: currentIndex)])
    }

    private func pastEnd(_ type: Any.Type) -> DecodingError {
        .valueNotFound(type, .init(codingPath: codingPath, debugDescription: "the array has only \(items.count) items"))
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.value { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool() }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.double() }
    func decode(_ type: Float.Type) throws -> Float { Float(try decoder.double()) }
    func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
