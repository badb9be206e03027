/// A JSON number literal as an exact decimal, for comparisons without rounding.
///
/// The value is `±0.d₁d₂…dₙ × 10^exponent` with no leading or trailing zero digits;
/// zero has no digits. Comparing literals this way keeps `9007199254740993` apart from
/// `9007199254740992` and knows that `1e400` is an integer, where `Double` would not.
package struct DecimalNumber {
    package var isNegative = false
    package var digits: [UInt8] = []
    package var exponent = 0

    /// Reads a JSON number literal; nil when `text` is not one.
    package init?(_ text: String) {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") {
            isNegative = true
            bytes = bytes.dropFirst()
        }
        var mantissa: [UInt8] = []
        var pointPosition: Int?
        var sawDigit = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: "."), pointPosition == nil {
                pointPosition = mantissa.count
            } else if let digit = Self.digit(byte) {
                mantissa.append(digit)
                sawDigit = true
            } else {
                return nil
            }
        }
        guard sawDigit else { return nil }
        var scale = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var negativeScale = false
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                negativeScale = sign == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for byte in bytes {
                guard let digit = Self.digit(byte) else { return nil }
                // Saturate: exponents this large are beyond any comparison that matters.
                scale = min(scale * 10 + Int(digit), 1 << 40)
            }
            if negativeScale { scale = -scale }
        }
        let integerDigits = pointPosition ?? mantissa.count
        let leadingZeros = mantissa.prefix(while: { $0 == 0 }).count
        mantissa.removeFirst(leadingZeros)
        while mantissa.last == 0 { mantissa.removeLast() }
        digits = mantissa
        exponent = mantissa.isEmpty ? 0 : integerDigits - leadingZeros + scale
        if mantissa.isEmpty { isNegative = false }
    }

    private static func digit(_ byte: UInt8) -> UInt8? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? byte - UInt8(ascii: "0") : nil
    }

    package var isZero: Bool { digits.isEmpty }

    /// Whether the value is greater than 0 (what `multipleOf` must be).
    package var isPositive: Bool { !isZero && !isNegative }

    /// Whether the value is a whole number.
    package var isIntegral: Bool { isZero || exponent >= digits.count }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    package func compare(to other: DecimalNumber) -> Int {
        if isNegative != other.isNegative { return isNegative ? -1 : 1 }
        let magnitude = compareMagnitude(to: other)
        return isNegative ? -magnitude : magnitude
    }

    /// Whether `self` is a whole multiple of `divisor` (`0.3` of `0.1`, `25` of `5`), exactly;
    /// nil when it cannot say: a divisor that is zero or has more than 18 significant digits.
    package func isMultiple(of divisor: DecimalNumber) -> Bool? {
        guard !divisor.isZero, divisor.digits.count <= 18 else { return nil }
        if isZero { return true }
        // self = V × 10^a and divisor = M × 10^b with V, M whole: V × 10^(a-b) must be a multiple of M.
        let modulus = divisor.digits.reduce(UInt64(0)) { $0 * 10 + UInt64($1) }
        var shift = (exponent - digits.count) - (divisor.exponent - divisor.digits.count)
        // Below 0, V would have to end in -shift zeros, and its digits end in none.
        guard shift >= 0 else { return false }
        var remainder: UInt64 = 0
        for digit in digits { remainder = (remainder * 10 + UInt64(digit)) % modulus }
        // × 10^shift, by squaring: (remainder × 10^shift) mod M without overflow.
        var power = 10 % modulus
        while shift > 0, remainder != 0 {
            if shift & 1 == 1 { remainder = Self.multiply(remainder, power, modulo: modulus) }
            power = Self.multiply(power, power, modulo: modulus)
            shift >>= 1
        }
        return remainder == 0
    }

    private static func multiply(_ left: UInt64, _ right: UInt64, modulo modulus: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return modulus.dividingFullWidth((product.high, product.low)).remainder
    }

    private func compareMagnitude(to other: DecimalNumber) -> Int {
        if isZero || other.isZero { return isZero == other.isZero ? 0 : (isZero ? -1 : 1) }
        if exponent != other.exponent { return exponent < other.exponent ? -1 : 1 }
        for (left, right) in zip(digits, other.digits) where left != right {
            return left < right ? -1 : 1
        }
        if digits.count == other.digits.count { return 0 }
        return digits.count < other.digits.count ? -1 : 1
    }
}

extension JSONNumber {
    /// The exact decimal value, when the literal is valid JSON number syntax.
    package var decimal: DecimalNumber? { DecimalNumber(text) }
}

extension JSONValue {
    /// Equality in the JSON Schema sense: numbers compare by value (`1 == 1.0`).
    ///
    /// Recursion stops where the two values differ in shape, so it never goes deeper
    /// than the shallower of the two (in practice, a schema's `const` or `enum` value).
    package func schemaEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case let (.number(left), .number(right)):
            if left == right { return true }
            guard let left = left.decimal, let right = right.decimal else { return false }
            return left.compare(to: right) == 0
        case let (.array(left), .array(right)):
            return left.count == right.count && zip(left, right).allSatisfy { $0.schemaEquals($1) }
        case let (.object(left), .object(right)):
            guard left.count == right.count else { return false }
            return left.allSatisfy { key, value in right[key].map { value.schemaEquals($0) } ?? false }
        default:
            return self == other
        }
    }
}
