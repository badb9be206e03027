/// How a value breaks one of its schema's own keywords (not its members', items' or
/// composition's): what ``Keywords`` finds and ``ValidationRun`` words.
enum KeywordFailure: Sendable {
    case constant(JSONValue)
    case notListed([JSONValue])
    case format(JSONSchema.Format)
    case shorterThan(Int)
    case longerThan(Int)
    case noMatch(pattern: String)
    case invalidPattern(String)
    case belowMinimum(JSONNumber)
    case aboveMaximum(JSONNumber)
    case notMultiple(of: JSONNumber)
    case fewerItemsThan(Int)
    case moreItemsThan(Int)

    /// The violation's message for `value`, the value that broke the keyword.
    func message(for value: JSONValue) -> String {
        switch self {
        case let .constant(constant): "expected constant \(JSONWriter.string(from: constant))"
        case let .notListed(allowed):
            "value \(JSONWriter.string(from: value)) is not one of \(allowed.map { JSONWriter.string(from: $0) }.joined(separator: ", "))"
        case let .format(format): "\(JSONWriter.string(from: value)) is not a valid \(format.rawValue)"
        case let .shorterThan(length): "string shorter than \(length) characters"
        case let .longerThan(length): "string longer than \(length) characters"
        case let .noMatch(pattern): "string does not match pattern '\(pattern)'"
        case let .invalidPattern(pattern): "pattern '\(pattern)' is not a valid regular expression"
        case let .belowMinimum(minimum): "\(Self.text(value)) is less than the minimum \(minimum.text)"
        case let .aboveMaximum(maximum): "\(Self.text(value)) is greater than the maximum \(maximum.text)"
        case let .notMultiple(divisor): "\(Self.text(value)) is not a multiple of \(divisor.text)"
        case let .fewerItemsThan(count): "array has fewer than \(count) items"
        case let .moreItemsThan(count): "array has more than \(count) items"
        }
    }

    private static func text(_ value: JSONValue) -> String {
        if case let .number(number) = value { number.text } else { JSONWriter.string(from: value) }
    }
}

/// A value's own keywords, each checked here once: ``ConformanceCheck`` (the fast yes/no
/// walk) and ``ValidationRun`` (the full run with pointers) both call these, so the two
/// cannot disagree on a keyword. Each returns the failures in the keywords' order; an empty
/// list (no allocation) when the value keeps them all.
enum Keywords {
    /// Whether ``value(_:_:)`` has anything to check.
    static func constrainsValues(_ schema: JSONSchema) -> Bool {
        schema.constValue != nil || schema.enumValues != nil
    }

    /// `const` and `enum`; a tolerant enum takes any string.
    static func value(_ value: JSONValue, _ schema: JSONSchema) -> [KeywordFailure] {
        var failures: [KeywordFailure] = []
        if let constant = schema.constValue, !value.schemaEquals(constant) { failures.append(.constant(constant)) }
        if let allowed = schema.enumValues {
            let isTolerated = schema.isTolerant && { if case .string = value { true } else { false } }()
            if !isTolerated, !allowed.contains(where: { value.schemaEquals($0) }) { failures.append(.notListed(allowed)) }
        }
        return failures
    }

    /// Whether ``string(_:_:patterns:)`` has anything to check.
    static func constrainsStrings(_ schema: JSONSchema) -> Bool {
        schema.format != nil || schema.minLength != nil || schema.maxLength != nil || schema.pattern != nil
    }

    /// `format`, `minLength` and `maxLength` (in Unicode scalars), `pattern`.
    static func string(_ string: String, _ schema: JSONSchema, patterns: inout PatternCache) -> [KeywordFailure] {
        var failures: [KeywordFailure] = []
        if let format = schema.format, !FormatCheck.isValid(string, as: format) { failures.append(.format(format)) }
        if schema.minLength != nil || schema.maxLength != nil {
            let length = string.unicodeScalars.count
            if let minLength = schema.minLength, length < minLength { failures.append(.shorterThan(minLength)) }
            if let maxLength = schema.maxLength, length > maxLength { failures.append(.longerThan(maxLength)) }
        }
        if let pattern = schema.pattern {
            switch patterns.regex(for: pattern) {
            case let .regex(regex): if string.firstMatch(of: regex) == nil { failures.append(.noMatch(pattern: pattern)) }
            case .invalid: failures.append(.invalidPattern(pattern))
            }
        }
        return failures
    }

    /// Whether ``number(_:_:)`` has anything to check.
    static func constrainsNumbers(_ schema: JSONSchema) -> Bool {
        schema.minimum != nil || schema.maximum != nil || schema.multipleOf != nil
    }

    /// `minimum`, `maximum` and `multipleOf`, compared exactly (decimal); a number too large
    /// for a decimal is not compared, nor a multiple whose divisor has more than 18 digits.
    static func number(_ number: JSONNumber, _ schema: JSONSchema) -> [KeywordFailure] {
        guard constrainsNumbers(schema), let decimal = number.decimal else { return [] }
        var failures: [KeywordFailure] = []
        if let minimum = schema.minimum, let bound = minimum.decimal, decimal.compare(to: bound) < 0 { failures.append(.belowMinimum(minimum)) }
        if let maximum = schema.maximum, let bound = maximum.decimal, decimal.compare(to: bound) > 0 { failures.append(.aboveMaximum(maximum)) }
        if let divisor = schema.multipleOf, let exact = divisor.decimal, decimal.isMultiple(of: exact) == false {
            failures.append(.notMultiple(of: divisor))
        }
        return failures
    }

    /// `minItems` and `maxItems`.
    static func itemCount(_ count: Int, _ schema: JSONSchema) -> [KeywordFailure] {
        var failures: [KeywordFailure] = []
        if let minItems = schema.minItems, count < minItems { failures.append(.fewerItemsThan(minItems)) }
        if let maxItems = schema.maxItems, count > maxItems { failures.append(.moreItemsThan(maxItems)) }
        return failures
    }
}
