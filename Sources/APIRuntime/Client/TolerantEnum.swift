/// A string enum that keeps values its spec does not list instead of failing to decode.
///
/// Generated enums marked `tolerant` in the spec conform; they provide the cases and the
/// raw-value mapping, this protocol provides the coding.
public protocol TolerantEnum: RawRepresentable, JSONCodable, Codable, Hashable, Sendable where RawValue == String {
    /// The case for `rawValue`, documented or not.
    init(rawValue: String)
}

extension TolerantEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
