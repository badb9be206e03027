import APIRuntime
import Foundation
import Testing

/// `JSONDocumentParser`: documents one after another (JSON Lines), parsed as `JSONParser`
/// parses each, with the keys learnt in one shared by the next.
@Suite struct JSONDocumentParserTests {
    @Test func eachDocumentParsesAsTheOneShotParserParsesIt() throws {
        var parser = JSONDocumentParser()
        let documents = [
            #"{"PartnerId":"p","UnitPrice":36.0000,"Tags":["a"],"Nested":{"PartnerId":"q"}}"#,
            #"{"UnitPrice":1e400,"PartnerId":null,"Other":"é"}"#,
            #"[1,{"a":{"b":[]}}]"#, "\"just a string\"", "42",
        ]
        for document in documents + documents {
            #expect(try parser.parse(Array(document.utf8)) == JSONParser.parse(document))
        }
        guard case let .number(price)? = try parser.parse(Array(#"{"UnitPrice":36.0000}"#.utf8))["UnitPrice"] else {
            Issue.record("no number")
            return
        }
        #expect(price.text == "36.0000")
    }

    @Test func aKeyLearntInOneDocumentIsSharedByTheNext() throws {
        var parser = JSONDocumentParser()
        let first = try parser.parse(Array(#"{"CustomerDomainName":"a"}"#.utf8))
        let second = try parser.parse(Array(#"{"CustomerDomainName":"b"}"#.utf8))
        #expect(first.objectValue?.keys.first == second.objectValue?.keys.first)
    }

    /// More keys than the cache has slots: keys share slots, and only equal ones are duplicates.
    @Test func duplicatesAreFoundWhateverSlotsTheKeysShare() throws {
        var parser = JSONDocumentParser()
        let keys = (0..<6_000).map { "key\($0)" }
        let object = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        #expect(try parser.parse(Array(object.utf8)).objectValue?.count == 6_000)
        for repeated in [0, 2_999, 5_999] {
            let withDuplicate = "{" + (keys + [keys[repeated]]).map { "\"\($0)\":1" }.joined(separator: ",") + "}"
            #expect(throws: JSONParseError.self) { try parser.parse(Array(withDuplicate.utf8)) }
            #expect(throws: JSONParseError.self) { try JSONParser.parse(withDuplicate) }
        }
        // A key with an escape is not interned: the general check finds its twin.
        #expect(throws: JSONParseError.self) { try parser.parse(Array(#"{"a\u0062":1,"ab":2}"#.utf8)) }
    }

    @Test func anErrorInOneDocumentLeavesTheParserReadyForTheNext() throws {
        var parser = JSONDocumentParser()
        #expect(throws: JSONParseError.self) { try parser.parse(Array(#"{"a":1,"a":2}"#.utf8)) }
        #expect(throws: JSONParseError.self) { try parser.parse(Array(#"{"a":"#.utf8)) }
        #expect(try parser.parse(Array(#"{"a":1,"b":2}"#.utf8)).objectValue?.count == 2)
    }
}
