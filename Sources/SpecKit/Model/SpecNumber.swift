import SchemaVocabulary

/// A number as the spec writes it: its JSON literal, kept so that a bound like `0.1` or one of
/// thirty digits reaches the compiled spec, the export and the runtime's exact comparison as
/// written; and its value as a `Double`, for the loader's own comparisons. Two numbers are
/// equal when their values are (`1` and `1.0`).
public struct SpecNumber: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// The JSON number literal: the spec's text when it is one (`1.50`, `1e-7`), else the
    /// value's shortest form (YAML's `+5` or `0x1A`).
    public let literal: String
    /// The value, rounded to a `Double`.
    public let value: Double

    /// The number a YAML plain scalar reads as; nil when it is none or not finite (JSON has no
    /// `inf` or `nan`), or when it starts with a `.`.
    public init?(text: String) {
        guard text.first != ".", let value = Double(text), value.isFinite else { return nil }
        self.value = value
        literal = JSONNumberLiteral.isValid(text.utf8) ? text : Self.shortest(value)
    }

    public init(_ value: Double) {
        self.value = value
        literal = Self.shortest(value)
    }

    public init(integerLiteral value: Int) {
        self.init(Double(value))
    }

    public init(floatLiteral value: Double) {
        self.init(value)
    }

    public var description: String { literal }

    /// Whether the literal has no fraction or exponent part (`42`, `-7`).
    public var isIntegerLiteral: Bool {
        !literal.contains { $0 == "." || $0 == "e" || $0 == "E" }
    }

    public static func == (lhs: SpecNumber, rhs: SpecNumber) -> Bool { lhs.value == rhs.value }

    public func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// `1` for a whole value below 2^53, else Swift's shortest round-tripping form.
    private static func shortest(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }
}
