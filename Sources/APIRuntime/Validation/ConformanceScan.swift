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

    private let registry: SchemaRegistry
    private let maximumDepth: Int
    /// The schema that accepts anything: what an undeclared member is walked against where
    /// such members are allowed (so that its JSON is still checked).
    private let anything: CompiledSchema
    /// For the values that are made: keys made into strings once, across documents.
    private var keys = JSONKeyCache(size: 256)
    /// Kept between documents for its buffers' capacity.
    private var walk: Walk

    /// What a walk changes as it goes. Apart from the scan itself, so that the walk's methods
    /// leave `self` as it is, and the schemas they read from it are borrowed, not retained.
    private struct Walk {
        var check: ConformanceCheck
        /// The declared properties seen in each open object, a bit each, innermost last.
        var seenProperties: [UInt64] = []
        /// Where the undeclared keys of each open object are in the document, innermost last.
        var undeclaredKeys: [Range<Int>] = []
        /// What was learnt of each object schema met.
        var shapes: [ObjectIdentifier: ObjectShape] = [:]
        /// The declared properties of each open object, in order, once they left the order its
        /// shape predicted; innermost last.
        var order: [Int32] = []
    }

    /// What the scan learns of an object schema once, and of its objects as they come: records
    /// of one file have their members in one order, so each key is first compared with the one
    /// the last object had there (no scan for its end, no lookup).
    private final class ObjectShape {
        /// Held so that its identifier is not another's later.
        let schema: CompiledSchema
        /// Each property's ``ConformanceScan/plainTypes(of:)``, by position.
        let plainTypes: [UInt8]
        /// Each property's key as written when it needs no escape, by position; nil otherwise.
        let keys: [[UInt8]?]
        /// The positions of the declared properties in the order the last object had them.
        var order: [Int32] = []

        init(schema: CompiledSchema, plainTypes: [UInt8]) {
            self.schema = schema
            self.plainTypes = plainTypes
            keys = schema.properties.map { property in
                property.name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" } ? Array(property.name.utf8) : nil
            }
        }
    }

    /// A scan resolving `$ref`s in `registry`, of documents nested at most `maximumDepth` deep
    /// (beyond that the parser refuses them).
    init(registry: SchemaRegistry, maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.registry = registry
        walk = Walk(check: ConformanceCheck(registry: registry))
        self.maximumDepth = maximumDepth
        anything = registry.compiled(JSONSchema())
    }

    /// Whether `bytes`, one JSON document, conform to `node`.
    mutating func conforms(_ bytes: UnsafeBufferPointer<UInt8>, to node: CompiledSchema) -> Bool {
        var scanner = JSONScanner(bytes: bytes, maximumDepth: maximumDepth, keys: keys)
        keys = JSONKeyCache(size: 0)
        var walk = Walk(check: ConformanceCheck(registry: SchemaRegistry()))
        swap(&walk, &self.walk)
        defer {
            keys = scanner.keys
            walk.seenProperties.removeAll(keepingCapacity: true)
            walk.undeclaredKeys.removeAll(keepingCapacity: true)
            swap(&walk, &self.walk)
        }
        scanner.skipWhitespace()
        guard scanner.index < bytes.count, bytes[scanner.index] != UInt8(ascii: "<"), value(node, &scanner, &walk, depth: 0, nesting: 0) else { return false }
        scanner.skipWhitespace()
        return scanner.index == bytes.count
    }

    /// Reads the value at the scanner's index against `node`.
    /// - Parameters:
    ///   - depth: Schemas entered so far, bounded as ``ConformanceCheck`` bounds its walk.
    ///   - nesting: Arrays and objects open around the value.
    private func value(_ node: CompiledSchema, _ scanner: inout JSONScanner, _ walk: inout Walk, depth: Int, nesting: Int) -> Bool {
        let bytes = scanner.bytes
        guard depth < ConformanceCheck.maximumDepth, scanner.index < bytes.count else { return false }
        let first = bytes[scanner.index]
        if first == UInt8(ascii: "n"), node.allowsNull { return Self.scalar(&scanner, .null) }
        if node.hasReference {
            guard let target = referenceTarget(of: node) else { return made(node, &scanner, &walk, nesting: nesting) }
            return value(target, &scanner, &walk, depth: depth + 1, nesting: nesting)
        }
        if node.constrainsValue || node.composes { return made(node, &scanner, &walk, nesting: nesting) }
        guard let type = Self.type(startingWith: first) else { return false }
        switch type {
        case .string where node.constrainsStrings:
            return allows(node, .string) && made(node, &scanner, &walk, nesting: nesting)
        case .number where !allows(node, .number):
            // Only `integer`: whether the literal is integral is the check's to say.
            return allows(node, .integer) && made(node, &scanner, &walk, nesting: nesting)
        case .number where node.constrainsNumbers:
            return made(node, &scanner, &walk, nesting: nesting)
        case .object:
            return allows(node, .object) && object(node, &scanner, &walk, depth: depth + 1, nesting: nesting)
        case .array:
            return allows(node, .array) && array(node, &scanner, &walk, depth: depth + 1, nesting: nesting)
        default:
            return allows(node, type) && Self.scalar(&scanner, type)
        }
    }

    /// The schema `node`'s `$ref` names when the reference is all `node` checks (`nullable`
    /// aside), else nil.
    private func referenceTarget(of node: CompiledSchema) -> CompiledSchema? {
        guard node.checksOnlyReference, let position = node.referencePosition else { return nil }
        return registry.compiledByPosition[position]
    }

    /// The type of the JSON value whose first byte is `byte` (a number's is `number`), or nil
    /// for a byte no value starts with.
    private static func type(startingWith byte: UInt8) -> JSONSchema.JSONType? {
        switch byte {
        case UInt8(ascii: "\""): .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): .boolean
        case UInt8(ascii: "n"): .null
        case UInt8(ascii: "{"): .object
        case UInt8(ascii: "["): .array
        default: nil
        }
    }

    /// Reads past the scalar of `type` at the scanner's index, checking its JSON.
    private static func scalar(_ scanner: inout JSONScanner, _ type: JSONSchema.JSONType) -> Bool {
        switch type {
        case .string: (try? scanner.skipString()) != nil
        case .number, .integer: (try? scanner.skipNumber()) != nil
        case .null: (try? scanner.readLiteral("null")) != nil
        case .boolean where scanner.bytes[scanner.index] == UInt8(ascii: "t"): (try? scanner.readLiteral("true")) != nil
        case .boolean: (try? scanner.readLiteral("false")) != nil
        case .object, .array: false
        }
    }

    /// The types a value of `node` may have when `node` asks no more than a type of a scalar
    /// (following `$ref`s that check nothing else): ``CompiledSchema/typeMask`` bits, `null`'s
    /// included where it is allowed; 0 when the value must be walked as ``value(_:_:_:depth:nesting:)``
    /// walks it (an object or array, keywords of its own, any type).
    private func plainTypes(of node: CompiledSchema) -> UInt8 {
        var node = node
        var types = UInt8(0)
        for _ in 0..<ValidationRun.maximumReferenceHops {
            if node.allowsNull { types |= CompiledSchema.bit(of: JSONSchema.JSONType.null) }
            guard node.hasReference else {
                guard node.typeMask != 0, node.typeMask & ~Self.scalarTypes == 0, !node.constrainsValue, !node.composes,
                    !node.constrainsStrings, !node.constrainsNumbers
                else { return 0 }
                return types | node.typeMask
            }
            guard let target = referenceTarget(of: node) else { return 0 }
            node = target
        }
        return 0
    }

    /// The bits of the scalar types a plain value may have (not `integer`: see ``plainTypes(of:)``).
    private static let scalarTypes = [JSONSchema.JSONType.null, .boolean, .string, .number].reduce(UInt8(0)) { $0 | CompiledSchema.bit(of: $1) }

    /// Reads a scalar of one of the `types` (see ``plainTypes(of:)``), checking its JSON.
    private static func plainValue(_ scanner: inout JSONScanner, types: UInt8) -> Bool {
        guard scanner.index < scanner.bytes.count, let type = type(startingWith: scanner.bytes[scanner.index]),
            types & CompiledSchema.bit(of: type) != 0
        else { return false }
        return scalar(&scanner, type)
    }

    /// `node`'s shape, worked out once per schema.
    private func shape(of node: CompiledSchema, _ walk: inout Walk) -> ObjectShape {
        if let known = walk.shapes[ObjectIdentifier(node)] { return known }
        let shape = ObjectShape(schema: node, plainTypes: node.properties.map { plainTypes(of: $0.schema) })
        walk.shapes[ObjectIdentifier(node)] = shape
        return shape
    }

    /// The property at `predicted` of `shape` when the key at the scanner's index is its key,
    /// the scanner then left at the value, past the `:`; nil (the scanner unmoved) otherwise.
    private static func predictedKey(_ scanner: inout JSONScanner, _ shape: ObjectShape, _ predicted: Int) -> Int? {
        guard predicted < shape.keys.count, let key = shape.keys[predicted], let base = scanner.bytes.baseAddress else { return nil }
        let start = scanner.index + 1
        let end = start + key.count
        guard end < scanner.bytes.count, base[scanner.index] == UInt8(ascii: "\""), base[end] == UInt8(ascii: "\""),
            key.withUnsafeBufferPointer({ $0.baseAddress.map { memcmp(base + start, $0, key.count) == 0 } ?? key.isEmpty })
        else { return nil }
        let opening = scanner.index
        scanner.index = end + 1
        scanner.skipWhitespace()
        guard scanner.index < scanner.bytes.count, base[scanner.index] == UInt8(ascii: ":") else {
            scanner.index = opening
            return nil
        }
        scanner.index += 1
        scanner.skipWhitespace()
        return predicted
    }

    private func allows(_ node: CompiledSchema, _ type: JSONSchema.JSONType) -> Bool {
        node.typeMask == 0 || node.typeMask & CompiledSchema.bit(of: type) != 0
    }

    /// The value made, and checked by ``ConformanceCheck``.
    private func made(_ node: CompiledSchema, _ scanner: inout JSONScanner, _ walk: inout Walk, nesting: Int) -> Bool {
        guard let value = try? scanner.parseValue(maximumDepth: maximumDepth - nesting) else { return false }
        return walk.check.conforms(value, to: node)
    }

    private func array(_ node: CompiledSchema, _ scanner: inout JSONScanner, _ walk: inout Walk, depth: Int, nesting: Int) -> Bool {
        guard nesting < maximumDepth else { return false }
        let items = node.items ?? anything
        var count = 0
        if !Self.opensEmpty(&scanner, closing: UInt8(ascii: "]")) {
            while true {
                guard value(items, &scanner, &walk, depth: depth, nesting: nesting + 1) else { return false }
                count += 1
                guard let more = Self.separator(&scanner, closing: UInt8(ascii: "]")) else { return false }
                if !more { break }
            }
        }
        return Keywords.itemCount(count, node.schema).isEmpty
    }

    /// Steps past a container's opening bracket and the whitespace after it; true, and past the
    /// closing bracket too, when the container is empty.
    private static func opensEmpty(_ scanner: inout JSONScanner, closing: UInt8) -> Bool {
        scanner.index += 1
        scanner.skipWhitespace()
        guard scanner.index < scanner.bytes.count, scanner.bytes[scanner.index] == closing else { return false }
        scanner.index += 1
        return true
    }

    /// Each member matched to its property through the schema's key table, as
    /// ``ConformanceCheck`` does; keys told apart byte for byte, as the parser does.
    private func object(_ node: CompiledSchema, _ scanner: inout JSONScanner, _ walk: inout Walk, depth: Int, nesting: Int) -> Bool {
        guard nesting < maximumDepth else { return false }
        let bytes = scanner.bytes
        let seenStart = walk.seenProperties.count
        let undeclaredStart = walk.undeclaredKeys.count
        let orderStart = walk.order.count
        walk.seenProperties.append(contentsOf: repeatElement(0, count: (node.properties.count + 63) / 64))
        defer {
            walk.seenProperties.removeSubrange(seenStart...)
            walk.undeclaredKeys.removeSubrange(undeclaredStart...)
            walk.order.removeSubrange(orderStart...)
        }
        var requiredFound = 0
        let shape = shape(of: node, &walk)
        let plain = shape.plainTypes
        // Whether the declared properties so far came in the order the shape predicted.
        var inOrder = true
        var declaredCount = 0
        if !Self.opensEmpty(&scanner, closing: UInt8(ascii: "}")) {
            while true {
                var property: Int?
                var key: Range<Int>?
                if inOrder, declaredCount < shape.order.count, let predicted = Self.predictedKey(&scanner, shape, Int(shape.order[declaredCount])) {
                    property = predicted
                } else {
                    guard let range = plainKey(&scanner) else { return false }
                    key = range
                    property = node.propertyKeys.position(ofUTF8: UnsafeBufferPointer(rebasing: bytes[range]))
                    if let property {
                        if inOrder {
                            // Off the predicted order from here: this object's order is kept as it comes.
                            inOrder = false
                            walk.order.append(contentsOf: shape.order.prefix(declaredCount))
                        }
                        walk.order.append(Int32(property))
                    }
                }
                if let property {
                    declaredCount += 1
                    let word = seenStart + property / 64
                    let bit = UInt64(1) << UInt64(property % 64)
                    guard walk.seenProperties[word] & bit == 0 else { return false }
                    walk.seenProperties[word] |= bit
                    if node.isRequiredProperty[property] { requiredFound += 1 }
                } else if let key {
                    guard walk.undeclaredKeys.count - undeclaredStart < Self.maximumUndeclaredMembers,
                        !walk.undeclaredKeys[undeclaredStart...].contains(where: { bytes[$0].elementsEqual(bytes[key]) })
                    else { return false }
                    walk.undeclaredKeys.append(key)
                }
                // A declared property that is a plain scalar is read here (nearly every member of a
                // record); another's schema walked in place (no rule value to copy and release).
                if let property {
                    if plain[property] != 0 {
                        guard Self.plainValue(&scanner, types: plain[property]) else { return false }
                    } else {
                        guard value(node.properties[property].schema, &scanner, &walk, depth: depth, nesting: nesting + 1) else { return false }
                    }
                } else {
                    switch node.rule(forProperty: nil) {
                    case let .schema(memberSchema):
                        guard value(memberSchema, &scanner, &walk, depth: depth, nesting: nesting + 1) else { return false }
                    case .unchecked:
                        guard value(anything, &scanner, &walk, depth: depth, nesting: nesting + 1) else { return false }
                    case .forbidden:
                        return false
                    }
                }
                guard let more = Self.separator(&scanner, closing: UInt8(ascii: "}")) else { return false }
                if !more { break }
            }
        }
        if !inOrder || declaredCount != shape.order.count {
            // The next object is predicted to come as this one did.
            shape.order = inOrder ? Array(shape.order.prefix(declaredCount)) : Array(walk.order[orderStart...])
        }
        let undeclared = walk.undeclaredKeys[undeclaredStart...]
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
