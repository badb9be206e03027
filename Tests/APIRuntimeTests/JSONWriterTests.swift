import APIRuntime
import Testing

private func number(_ literal: String) -> JSONValue { .number(JSONNumber(literal: literal)) }

/// Values that must survive `parse(write(value)) == value`.
private let roundTripValues: [JSONValue] = [
    .null,
    .bool(true),
    .string(""),
    .string("quote \" backslash \\ slash / newline \n tab \t cr \r bs \u{08} ff \u{0C} nul \u{0} us \u{1F} del \u{7F}"),
    .string("é 日本語 😀 🇫🇷 \u{2028}"),
    number("-12.50e+10"),
    number("123456789012345678901234567890"),
    .array([]),
    .object([:]),
    .array([.null, .bool(false), .integer(0), .string("x"), .array([.object(["k": .null])])]),
    .object(["b": .integer(1), "a": .object(["z~/": .string("v"), "": .array([])]), "é": .bool(true)]),
]

struct JSONWriterTests {
    @Test func writesCompactTextWithSortedKeys() {
        let value = JSONValue.object(["b": .integer(1), "a": .array([.bool(true), .null, .string("x")]), "C": .object([:])])
        #expect(JSONWriter.string(from: value) == #"{"C":{},"a":[true,null,"x"],"b":1}"#)
    }

    @Test func writesTheCustomerFilter() {
        let filter = JSONValue.object([
            "Field": .string("IndirectReseller"),
            "Value": .string("0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f10"),
            "Operator": .string("starts_with"),
        ])
        #expect(
            JSONWriter.string(from: filter)
                == #"{"Field":"IndirectReseller","Operator":"starts_with","Value":"0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f10"}"#
        )
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        let value = JSONValue.string("\"\\\n\r\t\u{08}\u{0C}\u{01}\u{1F}/é")
        #expect(JSONWriter.string(from: value) == #""\"\\\n\r\t\b\f\u0001\u001f/é""#)
    }

    @Test func writesNumbersAsTheirLiteral() {
        let value = JSONValue.array([number("1.50"), number("1e400"), .integer(-3), .double(0.5)])
        #expect(JSONWriter.string(from: value) == "[1.50,1e400,-3,0.5]")
    }

    @Test func bytesAreTheUTF8OfTheString() {
        let value = JSONValue.object(["名": .string("😀")])
        #expect(JSONWriter.bytes(from: value) == Array(JSONWriter.string(from: value).utf8))
    }

    @Test(arguments: roundTripValues)
    func parsingWrittenTextGivesTheSameValue(_ value: JSONValue) throws {
        #expect(try JSONParser.parse(JSONWriter.string(from: value)) == value)
    }

    @Test(arguments: [
        (#" { "b" : [ 1 , 2.0 ] , "a" : "\u00e9\/" } "#, #"{"a":"é/","b":[1,2.0]}"#),
        (#"["\ud83d\ude00", "\u001b"]"#, #"["😀","\u001b"]"#),
    ])
    func writingParsedTextGivesCanonicalText(_ input: String, _ canonical: String) throws {
        #expect(JSONWriter.string(from: try JSONParser.parse(input)) == canonical)
    }

    @Test func indentedTextPutsEachMemberOnItsOwnLine() throws {
        let value = try JSONParser.parse(#"{"b":[1,{"c":null}],"a":"x","e":[],"d":{}}"#)
        #expect(JSONWriter.string(from: value, indented: true) == """
            {
              "a": "x",
              "b": [
                1,
                {
                  "c": null
                }
              ],
              "d": {},
              "e": []
            }
            """)
        #expect(try JSONParser.parse(JSONWriter.string(from: value, indented: true)) == value)
    }
}
