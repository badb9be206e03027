import APIRuntime
import Foundation
import Testing
import TestSupport

/// Properties checked over many generated cases (seeded, so a failure replays): writing then
/// parsing JSON gives the value back, a value built to match a schema has no violation, and
/// one wrong leaf gives exactly one violation at its pointer.
@Suite struct PropertyTests {
    typealias Random = SplitMix64

    static let characters: [Character] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{1}", "é", "名", "🙂", "~"]

    static func string(_ random: inout Random) -> String {
        String((0..<random.below(8)).map { _ in characters[random.below(characters.count)] })
    }

    static func number(_ random: inout Random) -> JSONValue {
        switch random.below(4) {
        case 0: .integer(Int(truncatingIfNeeded: random.next()) % 1_000_000)
        case 1: .number(JSONNumber(literal: "-\(random.below(1000)).\(random.below(1000))"))
        case 2: .number(JSONNumber(literal: "\(random.below(10))e\(random.below(40))"))
        default: .number(JSONNumber(literal: "123456789012345678901234567890"))
        }
    }

    static func value(_ random: inout Random, depth: Int = 0) -> JSONValue {
        let kinds = depth >= 4 ? 4 : 6
        switch random.below(kinds) {
        case 0: return .null
        case 1: return .bool(random.chance(50))
        case 2: return number(&random)
        case 3: return .string(string(&random))
        case 4: return .array((0..<random.below(4)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members = JSONObject()
            for _ in 0..<random.below(4) { members[string(&random)] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    @Test(arguments: 0..<300)
    func writingThenParsingGivesTheValueBack(seed: Int) throws {
        var random = Random(state: UInt64(seed))
        let original = Self.value(&random)
        #expect(try JSONParser.parse(JSONWriter.string(from: original)) == original)
        #expect(try JSONParser.parse(JSONWriter.string(from: original, indented: true)) == original)
    }

    /// A schema and a value that matches it, built together.
    static func schemaAndValue(_ random: inout Random, depth: Int = 0) -> (JSONSchema, JSONValue) {
        var schema = JSONSchema()
        switch random.below(depth >= 3 ? 4 : 6) {
        case 0:
            schema.types = [.string]
            schema.minLength = 1
            schema.maxLength = 12
            return (schema, .string("v" + String(string(&random).prefix(10))))
        case 1:
            schema.types = [.integer]
            schema.minimum = JSONNumber(-1000)
            schema.maximum = JSONNumber(1000)
            return (schema, .integer(random.below(2001) - 1000))
        case 2:
            schema.types = [.boolean]
            return (schema, .bool(random.chance(50)))
        case 3:
            let values = ["alpha", "beta", "gamma"]
            schema.enumValues = values.map(JSONValue.string)
            return (schema, .string(values[random.below(values.count)]))
        case 4:
            schema.types = [.array]
            let (itemSchema, _) = schemaAndValue(&random, depth: depth + 1)
            schema.items = itemSchema
            var items: [JSONValue] = []
            for _ in 0..<random.below(4) {
                // Each item matches the item schema: regenerate with the same shape.
                items.append(matching(itemSchema, &random))
            }
            return (schema, .array(items))
        default:
            schema.types = [.object]
            schema.additionalProperties = .allowed(false)
            var members = JSONObject()
            for index in 0..<(1 + random.below(4)) {
                let name = "p\(index)"
                let (propertySchema, propertyValue) = schemaAndValue(&random, depth: depth + 1)
                schema.properties[name] = propertySchema
                if random.chance(70) {
                    members[name] = propertyValue
                    schema.required.append(name)
                }
            }
            return (schema, .object(members))
        }
    }

    /// A value matching a schema made by `schemaAndValue`.
    static func matching(_ schema: JSONSchema, _ random: inout Random) -> JSONValue {
        if let values = schema.enumValues { return values[random.below(values.count)] }
        switch schema.types.first {
        case .string?: return .string("x")
        case .integer?: return .integer(random.below(100))
        case .boolean?: return .bool(true)
        case .array?: return .array(schema.items.map { [matching($0, &random)] } ?? [])
        case .object?:
            var members = JSONObject()
            for name in schema.required { if let property = schema.properties[name] { members[name] = matching(property, &random) } }
            return .object(members)
        default: return .null
        }
    }

    /// Every scalar leaf of `value` with its pointer tokens.
    static func leaves(_ value: JSONValue, path: [String] = []) -> [[String]] {
        switch value {
        case let .array(items): items.indices.flatMap { leaves(items[$0], path: path + [String($0)]) }
        case let .object(members): members.keys.sorted().flatMap { leaves(members[$0] ?? .null, path: path + [$0]) }
        default: [path]
        }
    }

    static func replacing(_ path: ArraySlice<String>, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let head = path.first else { return replacement }
        switch value {
        case var .array(items):
            if let index = Int(head) { items[index] = replacing(path.dropFirst(), in: items[index], with: replacement) }
            return .array(items)
        case var .object(members):
            members[head] = replacing(path.dropFirst(), in: members[head] ?? .null, with: replacement)
            return .object(members)
        default:
            return value
        }
    }

    @Test(arguments: 0..<300)
    func aMatchingValueHasNoViolationAndOneWrongLeafHasOne(seed: Int) throws {
        var random = Random(state: UInt64(seed) &+ 1_000)
        let (schema, value) = Self.schemaAndValue(&random)
        #expect(SchemaValidator().validate(value, against: schema).isEmpty, "\(JSONWriter.string(from: value))")
        #expect(conformanceAgrees(value, schema, SchemaRegistry()))
        let leaves = Self.leaves(value).filter { !$0.isEmpty }
        guard !leaves.isEmpty else { return }
        let path = leaves[random.below(leaves.count)]
        // An array is no string, integer, boolean or enum value: exactly one violation, at the leaf.
        let broken = Self.replacing(path[...], in: value, with: .array([]))
        let violations = SchemaValidator().validate(broken, against: schema)
        #expect(conformanceAgrees(broken, schema, SchemaRegistry()))
        #expect(violations.map(\.pointer) == ["/" + path.map { $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined(separator: "/")], "\(violations)")
    }
}

extension SplitMix64 {
    /// True `percent` times in 100.
    fileprivate mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}
