import SchemaVocabulary

/// A JSON value as received or sent, with numbers kept as their exact literal text.
///
/// Generated models use it for schemas with no single Swift type (e.g. `code`, which is
/// a number or a string), and the runtime parses and validates every body into it first.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, kept as its JSON literal so that large integers lose nothing.
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// An object: its members in the order received, each key once.
    case object(JSONObject)

    /// An integer value.
    public static func integer(_ value: Int) -> JSONValue { .number(JSONNumber(value)) }

    /// A floating-point value; not-finite values become `null`, as JSON has no spelling for them.
    public static func double(_ value: Double) -> JSONValue {
        JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// The JSON type name: `null`, `boolean`, `integer`, `number`, `string`, `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case let .number(number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case let .string(value) = self { value } else { nil }
    }

    /// The object's members, when this is one.
    public var objectValue: JSONObject? {
        if case let .object(value) = self { value } else { nil }
    }

    /// The array's items, when this is one.
    public var arrayValue: [JSONValue]? {
        if case let .array(value) = self { value } else { nil }
    }

    /// The number as an `Int`, when this is a whole number that fits.
    public var intValue: Int? {
        if case let .number(value) = self { value.intValue } else { nil }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// A JSON number kept as its literal text (`-12`, `3.5e10`), so none of its digits are lost.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal, as written in JSON.
    public let text: String

    /// Wraps a literal that is already valid JSON number syntax (the parser checks it).
    public init(literal text: String) {
        self.text = text
    }

    /// The number `text` is, when it is a JSON number literal (RFC 8259 §6: no sign `+`,
    /// no leading zeros, no spaces): a query parameter's text, a number sent as a string.
    public init?(validating text: String) {
        guard JSONNumberLiteral.isValid(text.utf8) else { return nil }
        self.text = text
    }

    /// The number `value`.
    public init(_ value: Int) {
        self.text = String(value)
    }

    /// The number `value`, or nil when it is not finite.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        if value.rounded() == value, abs(value) < 1e15 {
            self.text = String(Int(value))
        } else {
            self.text = "\(value)"
        }
    }

    /// Whether the literal has no fraction or exponent (the JSON Schema sense of "integer"
    /// also admits `1.0`; see `isIntegral`).
    public var isInteger: Bool { !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// Whether the value is a whole number (`1`, `1.0`, `1e3`).
    public var isIntegral: Bool {
        if isInteger { return true }
        guard let value = doubleValue, value.isFinite else { return false }
        return value.rounded() == value
    }

    /// The value as an `Int`, when it is a whole number that fits.
    public var intValue: Int? {
        if let value = Int(text) { return value }
        guard let value = doubleValue, value.rounded() == value, abs(value) < 9.2e18 else { return nil }
        return Int(value)
    }

    /// The value as a `Double` (may be infinite for huge literals).
    public var doubleValue: Double? { Double(text) }

    public var description: String { text }
}
