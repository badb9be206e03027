import Foundation

/// The Swift type of a `format: decimal` value: money and quantities, which Partner Center
/// sends as a JSON number (`25.5`) or as a string holding one (`"25.5"`).
///
/// Decoded from the literal's text, never through a `Double`: `0.1` is exactly one tenth.
/// A literal `Decimal` cannot hold exactly (more than 38 significant digits, or an exponent
/// beyond its range) is refused, not rounded. Written back as a JSON number.
extension Decimal: JSONCodable {
    public init(fromJSON json: JSONValue) throws(JSONDecodingError) {
        let text: String
        switch json {
        case let .number(number): text = number.text
        case let .string(string): text = string
        default: throw .mismatch(expected: "a number or a string holding one", found: json)
        }
        guard JSONNumber(validating: text) != nil, let exact = DecimalNumber(text) else {
            throw JSONDecodingError(reason: "\(JSONWriter.string(from: json)) is not a decimal number")
        }
        guard exact.digits.count <= 38, exact.digits.isEmpty || (-100...100).contains(exact.exponent),
            let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw JSONDecodingError(reason: "the number \(text) does not fit Decimal exactly")
        }
        self = value
    }

    public func toJSON() -> JSONValue {
        isNaN ? .null : .number(JSONNumber(literal: description))
    }
}
