/// A type the runtime decodes straight from a parsed (and validated) ``JSONValue`` and
/// encodes straight back, without `Codable`'s containers.
///
/// Generated models conform (through ``JSONModel``); so do the leaf types they are made of.
/// Decoding is what the runtime does for every response body after validating it, so it is
/// code the generator writes out: a dictionary lookup and a `switch` per property, no
/// coding keys, no dynamic casts.
public protocol JSONCodable {
    /// Decodes the value from `json`.
    /// - Throws: ``JSONDecodingError`` naming where, and why, `json` does not fit.
    init(fromJSON json: JSONValue) throws(JSONDecodingError)

    /// The value as JSON.
    func toJSON() -> JSONValue
}

/// A generated model: ``JSONCodable``, and `Codable` and `Hashable` through it.
///
/// A model encodes and decodes the same way through `JSONEncoder` and `JSONDecoder` as
/// through the runtime, and two models are equal when their JSON is (members the spec does
/// not declare included). The generated code holds no `Codable` or `Hashable` code of its
/// own: synthesized equality and hashing were most of what it cost to compile.
public protocol JSONModel: JSONCodable, Codable, Hashable, Sendable {}

extension JSONModel {
    public init(from decoder: any Decoder) throws {
        try self.init(fromJSON: JSONValue(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try toJSON().encode(to: encoder)
    }

    /// Whether the two values' JSON is the same.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.toJSON() == rhs.toJSON()
    }

    /// Hashes the value's JSON.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(toJSON())
    }
}

/// Why a ``JSONValue`` does not decode as a type, and where.
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path to the value that does not fit, outermost first (member names and array indices).
    public var path: [String]
    /// What is wrong there: `expected a string, found a number`.
    public var reason: String

    public init(path: [String] = [], reason: String) {
        self.path = path
        self.reason = reason
    }

    /// A mismatch between the JSON type expected and the one found.
    public static func mismatch(expected: String, found json: JSONValue) -> JSONDecodingError {
        JSONDecodingError(reason: "expected \(expected), found \(json.typeName)")
    }

    /// The JSON pointer of ``path``: `/items/3/companyProfile`.
    public var pointer: String {
        path.isEmpty ? "/" : JSONPointer.render(path)
    }

    public var description: String {
        "\(pointer): \(reason)"
    }

    /// This error, one level further in: the value was at `token` of its container.
    @usableFromInline
    func within(_ token: String) -> JSONDecodingError {
        var copy = self
        copy.path.insert(token, at: 0)
        return copy
    }
}

/// Reads a generated model's properties from a JSON object, and keeps count of the members
/// read so that the members the model does not declare are found without a second pass in
/// the common case (there are none).
///
/// Each lookup starts after the member found last: a body whose members come in the order
/// the spec lists them (Partner Center's do) finds each at the first comparison.
public struct JSONObjectReader {
    /// The object's members.
    public let members: JSONObject
    @usableFromInline var found = 0
    @usableFromInline var next = 0

    /// - Throws: ``JSONDecodingError`` when `json` is not an object.
    public init(_ json: JSONValue) throws(JSONDecodingError) {
        guard case let .object(members) = json else { throw .mismatch(expected: "an object", found: json) }
        self.members = members
    }

    /// The position of the member `key`, or nil; the next lookup starts after it.
    @inlinable
    mutating func position(of key: String) -> Int? {
        guard let position = members.position(of: key, from: next) else { return nil }
        found += 1
        next = position + 1
        return position
    }

    /// The member at `position` decoded as `Value`, or nil when it is `null`. The value is read
    /// where it is: decoding a string copies the string once, not the member first.
    @inlinable
    func decode<Value: JSONCodable>(at position: Int, key: String) throws(JSONDecodingError) -> Value? {
        try members.members.withUnsafeBufferPointer { (members) throws(JSONDecodingError) -> Value? in
            if members[position].value.isNull { return nil }
            do throws(JSONDecodingError) {
                return try Value(fromJSON: members[position].value)
            } catch {
                throw error.within(key)
            }
        }
    }

    /// The member `key`, which must be present and not `null`.
    @inlinable
    public mutating func required<Value: JSONCodable>(_ key: String) throws(JSONDecodingError) -> Value {
        guard let position = position(of: key), let value: Value = try decode(at: position, key: key) else {
            throw JSONDecodingError(path: [key], reason: "required member missing")
        }
        return value
    }

    /// The member `key`, or nil when it is absent or `null`.
    @inlinable
    public mutating func optional<Value: JSONCodable>(_ key: String) throws(JSONDecodingError) -> Value? {
        guard let position = position(of: key) else { return nil }
        return try decode(at: position, key: key)
    }

    /// The members whose keys are not in `declared` (the model's own keys), as received;
    /// `declared` is only evaluated when there are any.
    public func additionalMembers(besides declared: @autoclosure () -> [String]) -> [String: JSONValue] {
        guard members.count > found else { return [:] }
        let declared = Set(declared())
        var additional: [String: JSONValue] = [:]
        for (key, value) in members where !declared.contains(key) { additional[key] = value }
        return additional
    }
}

/// Writes a generated model's properties into a JSON object, after the members it keeps
/// that the spec does not declare (a declared property wins over a kept member of its name).
public struct JSONObjectWriter {
    private var members: JSONObject

    /// - Parameter additionalMembers: The model's members the spec does not declare.
    public init(_ additionalMembers: [String: JSONValue]) {
        members = JSONObject(additionalMembers)
    }

    /// Writes `value` at `key`.
    public mutating func set(_ key: String, _ value: some JSONCodable) {
        members[key] = value.toJSON()
    }

    /// Writes `value` at `key` unless it is nil (an absent member, not `null`).
    public mutating func setIfPresent(_ key: String, _ value: (some JSONCodable)?) {
        if let value { members[key] = value.toJSON() }
    }

    /// The object written.
    public var json: JSONValue { .object(members) }
}

// MARK: - The leaf types

extension JSONValue: JSONCodable {
    public init(fromJSON json: JSONValue) {
        self = json
    }

    public func toJSON() -> JSONValue { self }

    /// Whether this is `null`.
    @usableFromInline
    var isNull: Bool {
        if case .null = self { true } else { false }
    }
}

extension String: JSONCodable {
    @inlinable
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .string(value) = json else { throw .mismatch(expected: "a string", found: json) }
        self = value
    }

    public func toJSON() -> JSONValue { .string(self) }
}

extension Bool: JSONCodable {
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .bool(value) = json else { throw .mismatch(expected: "a boolean", found: json) }
        self = value
    }

    public func toJSON() -> JSONValue { .bool(self) }
}

extension Int: JSONCodable {
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .number(number) = json else { throw .mismatch(expected: "an integer", found: json) }
        guard let value = number.intValue else {
            throw JSONDecodingError(reason: "the number \(number.text) does not fit Int")
        }
        self = value
    }

    public func toJSON() -> JSONValue { .integer(self) }
}

extension Double: JSONCodable {
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .number(number) = json else { throw .mismatch(expected: "a number", found: json) }
        guard let value = Double(number.text), value.isFinite else {
            throw JSONDecodingError(reason: "the number \(number.text) does not fit Double")
        }
        self = value
    }

    public func toJSON() -> JSONValue { .double(self) }
}

extension Array: JSONCodable where Element: JSONCodable {
    @inlinable
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .array(items) = json else { throw .mismatch(expected: "an array", found: json) }
        var values: [Element] = []
        values.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                values.append(try Element(fromJSON: item))
            } catch {
                throw error.within(String(index))
            }
        }
        self = values
    }

    public func toJSON() -> JSONValue { .array(map { $0.toJSON() }) }
}

extension Dictionary: JSONCodable where Key == String, Value: JSONCodable {
    @inlinable
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        guard case let .object(members) = json else { throw .mismatch(expected: "an object", found: json) }
        var values: [String: Value] = [:]
        values.reserveCapacity(members.count)
        for (key, member) in members {
            do {
                values[key] = try Value(fromJSON: member)
            } catch {
                throw error.within(key)
            }
        }
        self = values
    }

    public func toJSON() -> JSONValue { .object(JSONObject(mapValues { $0.toJSON() })) }
}

extension Optional: JSONCodable where Wrapped: JSONCodable {
    /// nil for `null`.
    @inlinable
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        self = json.isNull ? nil : try Wrapped(fromJSON: json)
    }

    public func toJSON() -> JSONValue { map { $0.toJSON() } ?? .null }
}

extension JSONCodable where Self: RawRepresentable, RawValue == String {
    /// A string enum: the case whose raw value `json` is.
    @inlinable
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        let raw = try String(fromJSON: json)
        guard let value = Self(rawValue: raw) else {
            throw JSONDecodingError(reason: "\"\(raw)\" is not one of the values of \(Self.self)")
        }
        self = value
    }

    public func toJSON() -> JSONValue { .string(rawValue) }
}
