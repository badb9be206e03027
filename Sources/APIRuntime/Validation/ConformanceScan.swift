import Foundation

/// Whether a JSON document's bytes conform to a schema, answered without making the value.
///
/// Nearly every record of a result file conforms, and making each line's ``JSONValue`` only
/// to check it and drop it was most of the time a file took. This walk reads the bytes with
/// ``JSONScanner``'s own checks (grammar, escapes, UTF-8, nesting, duplicate keys) and, where
/// a schema asks no more than a type, checks the type from the value's first byte. A value
/// whose schema has keywords of its own (`enum`, `format`, `minimum`, `allOf`, an `integer`
/// type…) is made, that value alone, and handed to ``ConformanceCheck``: each keyword is
/// still checked in one place.
///
/// A yes is exact: the document is valid JSON, as ``JSONParser`` reads it, and the full
/// validation would find no violation. A no is not a verdict: the document may break its
/// schema, not be JSON, or hold what the walk does not look at cheaply (a key with escapes
/// or non-ASCII bytes, an object with more than ``maximumUndeclaredMembers`` members its
/// schema does not declare, a byte order mark). The caller then parses the document and
/// validates the value, which says what is wrong, if anything.
struct ConformanceScan {
    /// The most undeclared members of one object whose keys are compared with each other for
    /// duplicates; an object with more is left to the parser.
    static let maximumUndeclaredMembers = 32

    private var check: ConformanceCheck
    private let maximumDepth: Int
    /// The schema that accepts anything: what an undeclared member is walked against where
    /// such members are allowed (so that its JSON is still checked).
    private let anything: CompiledSchema
    /// For the values that are made: keys made into strings once, across documents.
    private var keys = JSONKeyCache(size: 256)
    /// The declared properties seen in each open object, a bit each, innermost last.
    private var seenProperties: [UInt64] = []
    /// Where the undeclared keys of each open object are in the document, innermost last.
    private var undeclaredKeys: [Range<Int>] = []

    /// A scan resolving `$ref`s in `registry`, of documents nested at most `maximumDepth` deep
    /// (beyond that the parser refuses them).
    init(registry: SchemaRegistry, maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        check = ConformanceCheck(registry: registry)
        self.maximumDepth = maximumDepth
        anything = registry.compiled(JSONSchema())
    }

    /// Whether `bytes`, one JSON document, conform to `node`.
    mutating func conforms(_ bytes: UnsafeBufferPointer<UInt8>, to node: CompiledSchema) -> Bool {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth, keys: keys)
        keys = JSONKeyCache(size: 0)
        defer {
            keys = scanner.keys
            seenProperties.removeAll(keepingCapacity: true)
            undeclaredKeys.removeAll(keepingCapacity: true)
        }
        scanner.skipWhitespace()
        guard scanner.index < bytes.count, bytes[scanner.index] != UInt8(ascii: "<"), value(node, &scanner, depth: 0, nesting: 0) else { return false }
        scanner.skipWhitespace()
        return scanner.index == bytes.count
    }

    /// Reads the value at the scanner's index against `node`.
    /// - Parameters:
    ///   - depth: Schemas entered so far, bounded as ``ConformanceCheck`` bounds its walk.
    ///   - nesting: Arrays and objects open around the value.
    private mutating func value(_ node: CompiledSchema, _ scanner: inout JSONScanner, depth: Int, nesting: Int) -> Bool {
        let bytes = scanner.bytes
        guard depth < ConformanceCheck.maximumDepth, scanner.index < bytes.count else { return false }
        let first = bytes[scanner.index]
        if first == UInt8(ascii: "n"), node.allowsNull { return (try? scanner.readLiteral("null")) != nil }
        if node.hasReference {
            guard node.checksOnlyReference, let target = check.registry.referenced(by: node) else { return made(node, &scanner, nesting: nesting) }
            return value(target, &scanner, depth: depth + 1, nesting: nesting)
        }
        if node.constrainsValue || node.composes { return made(node, &scanner, nesting: nesting) }
        switch first {
        case UInt8(ascii: "\""):
            guard allows(node, .string) else { return false }
            if node.constrainsStrings { return made(node, &scanner, nesting: nesting) }
            return (try? scanner.skipString()) != nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            // Only `integer`: whether the literal is integral is the check's to say.
            guard allows(node, .number) else { return allows(node, .integer) && made(node, &scanner, nesting: nesting) }
            if node.constrainsNumbers { return made(node, &scanner, nesting: nesting) }
            return (try? scanner.skipNumber()) != nil
        case UInt8(ascii: "t"):
            return allows(node, .boolean) && (try? scanner.readLiteral("true")) != nil
        case UInt8(ascii: "f"):
            return allows(node, .boolean) && (try? scanner.readLiteral("false")) != nil
        case UInt8(ascii: "n"):
            return allows(node, .null) && (try? scanner.readLiteral("null")) != nil
        case UInt8(ascii: "{"):
            return allows(node, .object) && object(node, &scanner, depth: depth + 1, nesting: nesting)
        case UInt8(ascii: "["):
            return allows(node, .array) && array(node, &scanner, depth: depth + 1, nesting: nesting)
        default:
            return false
        }
    }

    private func allows(_ node: CompiledSchema, _ type: JSONSchema.JSONType) -> Bool {
        node.typeMask == 0 || node.typeMask & CompiledSchema.bit(of: type) != 0
    }

    /// The value made, and checked by ``ConformanceCheck``.
    private mutating func made(_ node: CompiledSchema, _ scanner: inout JSONScanner, nesting: Int) -> Bool {
        guard let value = try? scanner.parseValue(maximumDepth: maximumDepth - nesting) else { return false }
        return check.conforms(value, to: node)
    }

    private mutating func array(_ node: CompiledSchema, _ scanner: inout JSONScanner, depth: Int, nesting: Int) -> Bool {
        guard nesting < maximumDepth else { return false }
        let bytes = scanner.bytes
        let items = node.items ?? anything
        var count = 0
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.index < bytes.count, bytes[scanner.index] == UInt8(ascii: "]") {
            scanner.index += 1
        } else {
            while true {
                guard value(items, &scanner, depth: depth, nesting: nesting + 1) else { return false }
                count += 1
                guard let more = Self.separator(&scanner, closing: UInt8(ascii: "]")) else { return false }
                if !more { break }
            }
        }
        return Keywords.itemCount(count, node.schema).isEmpty
    }

    /// Each member matched to its property through the schema's key table, as
    /// ``ConformanceCheck`` does; keys told apart byte for byte, as the parser does.
    private mutating func object(_ node: CompiledSchema, _ scanner: inout JSONScanner, depth: Int, nesting: Int) -> Bool {
        guard nesting < maximumDepth else { return false }
        let bytes = scanner.bytes
        let seenStart = seenProperties.count
        let undeclaredStart = undeclaredKeys.count
        seenProperties.append(contentsOf: repeatElement(0, count: (node.properties.count + 63) / 64))
        defer {
            seenProperties.removeSubrange(seenStart...)
            undeclaredKeys.removeSubrange(undeclaredStart...)
        }
        var requiredFound = 0
        scanner.index += 1
        scanner.skipWhitespace()
        if scanner.index < bytes.count, bytes[scanner.index] == UInt8(ascii: "}") {
            scanner.index += 1
        } else {
            while true {
                guard let key = plainKey(&scanner) else { return false }
                let property = node.propertyKeys.position(ofUTF8: UnsafeBufferPointer(rebasing: bytes[key]))
                if let property {
                    let word = seenStart + property / 64
                    let bit = UInt64(1) << UInt64(property % 64)
                    guard seenProperties[word] & bit == 0 else { return false }
                    seenProperties[word] |= bit
                    if node.isRequiredProperty[property] { requiredFound += 1 }
                } else {
                    guard undeclaredKeys.count - undeclaredStart < Self.maximumUndeclaredMembers,
                        !undeclaredKeys[undeclaredStart...].contains(where: { bytes[$0].elementsEqual(bytes[key]) })
                    else { return false }
                    undeclaredKeys.append(key)
                }
                switch node.rule(forProperty: property) {
                case let .schema(memberSchema):
                    guard value(memberSchema, &scanner, depth: depth, nesting: nesting + 1) else { return false }
                case .unchecked:
                    guard value(anything, &scanner, depth: depth, nesting: nesting + 1) else { return false }
                case .forbidden:
                    return false
                }
                guard let more = Self.separator(&scanner, closing: UInt8(ascii: "}")) else { return false }
                if !more { break }
            }
        }
        let undeclared = undeclaredKeys[undeclaredStart...]
        return requiredFound == node.requiredPropertyCount
            && node.requiredUndeclared.allSatisfy { name in undeclared.contains { bytes[$0].elementsEqual(name.utf8) } }
    }

    /// Reads what follows an item or a member: true past a `,` (another follows), false past
    /// `close` (the container ends), nil for anything else.
    private static func separator(_ scanner: inout JSONScanner, closing close: UInt8) -> Bool? {
        scanner.skipWhitespace()
        guard scanner.index < scanner.bytes.count else { return nil }
        let byte = scanner.bytes[scanner.index]
        scanner.index += 1
        if byte == close { return false }
        guard byte == UInt8(ascii: ",") else { return nil }
        scanner.skipWhitespace()
        return true
    }

    /// The bytes of the key at the scanner's index, which is left at its value, past the `:`;
    /// nil for a key with escapes (the parser decodes those) and for what is not a key.
    private func plainKey(_ scanner: inout JSONScanner) -> Range<Int>? {
        let bytes = scanner.bytes
        guard scanner.index < bytes.count, bytes[scanner.index] == UInt8(ascii: "\"") else { return nil }
        let start = scanner.index + 1
        var cursor = scanner.endOfPlainASCII(from: start)
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\"") {
            guard bytes[cursor] >= 0x20, bytes[cursor] != UInt8(ascii: "\\") else { return nil }
            if bytes[cursor] < 0x80 {
                cursor += 1
            } else {
                guard let end = try? scanner.endOfUTF8Sequence(at: cursor) else { return nil }
                cursor = end
            }
        }
        guard cursor < bytes.count else { return nil }
        scanner.index = cursor + 1
        scanner.skipWhitespace()
        guard scanner.index < bytes.count, bytes[scanner.index] == UInt8(ascii: ":") else { return nil }
        scanner.index += 1
        scanner.skipWhitespace()
        return start..<cursor
    }
}
