/// RFC 8259's number grammar, `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: one
/// check for the spec loader (a number kept as written) and the runtime (the `decimal`
/// format, `JSONNumber(validating:)`).
public enum JSONNumberLiteral {
    /// Whether `bytes` (UTF-8) are one JSON number literal, and nothing else.
    @inlinable
    public static func isValid(_ bytes: some Collection<UInt8>) -> Bool {
        var position = bytes.startIndex
        func digits() -> Int {
            var count = 0
            while position != bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                bytes.formIndex(after: &position)
                count += 1
            }
            return count
        }
        func skip(_ byte: Unicode.Scalar) -> Bool {
            guard position != bytes.endIndex, bytes[position] == UInt8(ascii: byte) else { return false }
            bytes.formIndex(after: &position)
            return true
        }
        _ = skip("-")
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return false }
        if skip("."), digits() == 0 { return false }
        if skip("e") || skip("E") {
            _ = skip("+") || skip("-")
            guard digits() > 0 else { return false }
        }
        return position == bytes.endIndex
    }
}
