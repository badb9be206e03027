@testable import APIRuntime
import Foundation
import Testing
import TestSupport

/// The byte-level conformance check of result-file lines: a yes only for a document that
/// parses and breaks no keyword, and a yes for the plain records it exists for.
@Suite struct ConformanceScanTests {
    /// Schemas shaped like Microsoft Graph's billing records (nullable text, amounts as numbers
    /// or strings, lists or text, every member a `$ref`), plus one with keywords of its own.
    static let registry: SchemaRegistry = {
        let json = #"""
            {
              "Text": { "type": "string", "nullable": true },
              "Amount": { "type": ["number", "string"], "nullable": true },
              "TextList": { "type": ["array", "string"], "nullable": true, "items": { "type": "string" } },
              "Record": {
                "type": "object",
                "required": ["CustomerId"],
                "properties": {
                  "CustomerId": { "$ref": "#/schemas/Text" },
                  "UnitPrice": { "$ref": "#/schemas/Amount" },
                  "Quantity": { "$ref": "#/schemas/Amount" },
                  "Tags": { "$ref": "#/schemas/TextList" },
                  "Nested": { "type": "object", "additionalProperties": false, "properties": { "a": { "type": "boolean" } } }
                }
              },
              "Tree": {
                "type": "object",
                "required": ["name"],
                "properties": { "name": { "type": "string" }, "size": { "type": "number" }, "child": { "$ref": "#/schemas/Tree" } }
              },
              "Strict": {
                "type": "object",
                "additionalProperties": false,
                "required": ["id", "kind", "count", "when"],
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "kind": { "enum": ["a", "b"] },
                  "count": { "type": "integer", "minimum": 0 },
                  "when": { "type": "string", "format": "date-time" },
                  "note": { "$ref": "#/schemas/Text", "description": "beside a $ref" }
                }
              }
            }
            """#
        return try! SchemaRegistry(json: JSONParser.parse(json))
    }()

    /// The scan's answer for `text` against the registry's schema `name`, checked on the way
    /// to be sound: a yes only where the text parses and the validator finds nothing.
    static func scan(_ text: String, _ name: String = "Record") -> Bool {
        guard let node = registry.compiled(named: name) else { return false }
        var scan = ConformanceScan(registry: registry)
        let bytes = Array(text.utf8)
        let answer = bytes.withUnsafeBufferPointer { scan.conforms($0, to: node) }
        if answer {
            let value = try? JSONParser.parse(bytes)
            #expect(value != nil, "the scan accepted what the parser refuses: \(text)")
            if let value {
                #expect(SchemaValidator(registry: registry).validate(value, againstSchemaNamed: name).isEmpty, "the scan accepted a violation: \(text)")
            }
        }
        return answer
    }

    @Test(arguments: [
        #"{"CustomerId":"c1","UnitPrice":36.0000,"Quantity":"","Tags":["AddOn"],"Other":{"x":[1,2,{"y":null}]}}"#,
        #"{"CustomerId":null,"UnitPrice":null,"Tags":"AddOn","Nested":{"a":true}}"#,
        #" { "CustomerId" : "é 名 🙂 \"quoted\" \u00e9" , "Quantity" : -1.5e+3 }  "#,
        #"{"CustomerId":"c","Extra":"x","Extra2":"y","Nested":{}}"#,
    ])
    func plainRecordsConformWithoutBeingMade(line: String) {
        #expect(Self.scan(line))
    }

    @Test(arguments: [
        // Not JSON.
        #"{"CustomerId":"c",}"#, #"{"CustomerId":"c""#, #"{"CustomerId":"c"} x"#, #"{"CustomerId":"c\x"}"#,
        "{\"CustomerId\":\"a\u{1}b\"}", #"{"CustomerId":"c","UnitPrice":01}"#, #"{"CustomerId":"c","UnitPrice":NaN}"#,
        #"{"CustomerId":"c","UnitPrice":-}"#, #"{"CustomerId":"c","Tags":["a",]}"#, #"{"CustomerId":"c","Other":[1 2]}"#,
        #"{"CustomerId":"c","Other":tru}"#, #"{"CustomerId":"\ud800"}"#, "",
        // Duplicate keys, declared and not.
        #"{"CustomerId":"c","CustomerId":"d"}"#, #"{"CustomerId":"c","Other":1,"Other":2}"#, #"{"CustomerId":"c","Other":{"k":1,"k":1}}"#,
        // Schema violations.
        #"{"UnitPrice":1}"#, #"{"CustomerId":1}"#, #"{"CustomerId":"c","UnitPrice":true}"#, #"{"CustomerId":"c","Tags":[1]}"#,
        #"{"CustomerId":"c","Nested":{"b":1}}"#, #"{"CustomerId":"c","Nested":{"a":"yes"}}"#, #"["CustomerId"]"#, "null",
    ])
    func whatIsNotAConformingDocumentIsNoYes(line: String) {
        #expect(!Self.scan(line))
    }

    @Test func invalidUTF8IsNoYes() {
        var bytes = Array(#"{"CustomerId":"ab"}"#.utf8)
        bytes[16] = 0xC3
        guard let node = Self.registry.compiled(named: "Record") else { Issue.record("no Record"); return }
        var scan = ConformanceScan(registry: Self.registry)
        #expect(!bytes.withUnsafeBufferPointer { scan.conforms($0, to: node) })
    }

    @Test func keywordsOfTheirOwnAreCheckedOnTheValueMadeFromThem() {
        let valid = #"{"id":"0b5e5b4c-1f0f-4c7c-9a55-6e3b1e8f2a10","kind":"a","count":3,"when":"2026-12-05T10:00:00Z","note":null}"#
        #expect(Self.scan(valid, "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: #""kind":"a""#, with: #""kind":"c""#), "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: #""count":3"#, with: #""count":3.5"#), "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: #""count":3"#, with: #""count":-1"#), "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: "2026-12-05T10:00:00Z", with: "yesterday"), "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: "0b5e5b4c", with: "zzzz"), "Strict"))
        #expect(!Self.scan(valid.replacingOccurrences(of: #","note":null"#, with: #","note":null,"more":1"#), "Strict"))
        #expect(Self.scan(valid.replacingOccurrences(of: #""count":3"#, with: #""count":3.0"#), "Strict"), "3.0 is an integer, as the validator reads it")
    }

    @Test func nestingBeyondTheParsersLimitIsNoYes() {
        let deep = #"{"CustomerId":"c","Other":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        #expect(!Self.scan(deep))
        let shallow = #"{"CustomerId":"c","Other":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
        #expect(Self.scan(shallow))
    }

    /// Generated documents, whole and with bytes changed, removed or added: the scan says yes
    /// only where the parser and the validator do (and to a valid record, yes).
    @Test(arguments: 0..<400)
    func mutatedDocumentsAreNeverAcceptedWrongly(seed: Int) {
        var random = SplitMix64(state: UInt64(seed) &+ 77)
        var members = JSONObject()
        members["CustomerId"] = .string(PropertyTests.string(&random))
        for index in 0..<random.below(5) { members["x\(index)"] = PropertyTests.value(&random) }
        if random.below(2) == 0 { members["UnitPrice"] = PropertyTests.number(&random) }
        let text = JSONWriter.string(from: .object(members), indented: random.below(2) == 0)
        // A key written with escapes is left to the parser.
        let escapedKeys = Self.keys(of: .object(members)).contains { key in
            key.unicodeScalars.contains { $0.value < 0x20 || $0 == "\"" || $0 == "\\" }
        }
        #expect(Self.scan(text) || escapedKeys, "a valid record: \(text)")
        var bytes = Array(text.utf8)
        for _ in 0..<(1 + random.below(3)) {
            let position = random.below(bytes.count)
            let alphabet = Array(#"{}[]":,\ 0-9.eE+tfnu"#.utf8) + [0x01, 0xC3, 0xFF]
            switch random.below(3) {
            case 0: bytes[position] = alphabet[random.below(alphabet.count)]
            case 1: bytes.remove(at: position)
            default: bytes.insert(alphabet[random.below(alphabet.count)], at: position)
            }
            if bytes.isEmpty { break }
        }
        _ = Self.scan(String(decoding: bytes, as: UTF8.self))
        // The changed bytes themselves too (String(decoding:) repairs invalid UTF-8).
        guard let node = Self.registry.compiled(named: "Record") else { return }
        var scan = ConformanceScan(registry: Self.registry)
        if bytes.withUnsafeBufferPointer({ scan.conforms($0, to: node) }) {
            #expect((try? JSONParser.parse(bytes)) != nil, "the scan accepted what the parser refuses: \(bytes)")
        }
    }

    /// Every object key in `value`, at any depth.
    static func keys(of value: JSONValue) -> [String] {
        switch value {
        case let .array(items): items.flatMap(keys(of:))
        case let .object(members): members.keys + members.values.flatMap(keys(of:))
        default: []
        }
    }

    /// One scan over many documents, as a result file is read: it predicts each object's keys
    /// from the last object of its schema, so documents whose members come in other orders,
    /// with members missing, added, repeated or nested must be answered as the validator
    /// answers them (a yes exactly for a valid document without escaped keys).
    @Test(arguments: 0..<40)
    func aScanKeptAcrossDocumentsAnswersEachAsTheValidatorDoes(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &+ 991)
        let node = try #require(Self.registry.compiled(named: "Record"))
        var scan = ConformanceScan(registry: Self.registry)
        let members: [(String, String)] = [
            ("CustomerId", #""c""#), ("UnitPrice", "36.0000"), ("Quantity", #""""#), ("Tags", #"["AddOn"]"#),
            ("Nested", #"{"a":true}"#), ("Other", #"{"x":1}"#), ("CustomerId", #""again""#), ("UnitPrice", "true"),
        ]
        for _ in 0..<60 {
            var chosen = Array(members.prefix(6)).shuffled(using: &random).prefix(random.below(7))
            if random.below(8) == 0 { chosen.append(members[6 + random.below(2)]) }
            let text = "{" + chosen.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
            let bytes = Array(text.utf8)
            let answer = bytes.withUnsafeBufferPointer { scan.conforms($0, to: node) }
            let valid = (try? JSONParser.parse(bytes)).map { SchemaValidator(registry: Self.registry).validate($0, againstSchemaNamed: "Record").isEmpty } ?? false
            #expect(answer == valid, "\(text)")
        }
    }

    /// Objects of one schema inside each other, their members in different orders at each
    /// level: each level's order is its own.
    @Test func nestedObjectsOfOneSchemaKeepTheirOwnOrder() throws {
        let node = try #require(Self.registry.compiled(named: "Tree"))
        var scan = ConformanceScan(registry: Self.registry)
        let documents = [
            (#"{"name":"a","size":1,"child":{"size":2,"name":"b","child":{"child":{"name":"d"},"name":"c"}}}"#, true),
            (#"{"size":1,"name":"a","child":{"name":"b","size":2}}"#, true),
            (#"{"name":"a","child":{"size":2},"size":1}"#, false),
            (#"{"name":"a","name":"b"}"#, false),
            (#"{"child":{"name":"x","name":"y"},"name":"a"}"#, false),
            (#"{"name":"a","size":1,"child":{"size":2,"name":"b"}}"#, true),
            (#"{"name":"a","size":"1"}"#, false),
        ]
        for (text, valid) in documents {
            let answer = Array(text.utf8).withUnsafeBufferPointer { scan.conforms($0, to: node) }
            #expect(answer == valid, "\(text)")
        }
    }
}
