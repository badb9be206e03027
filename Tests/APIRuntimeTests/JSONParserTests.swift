import APIRuntime
import Foundation
import Testing

/// A body the parser must accept, with the value it must produce.
struct AcceptedJSON: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let expected: JSONValue
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ expected: JSONValue) {
        self.name = name
        self.bytes = Array(text.utf8)
        self.expected = expected
    }

    init(_ name: String, bytes: [UInt8], _ expected: JSONValue) {
        self.name = name
        self.bytes = bytes
        self.expected = expected
    }
}

/// A body the parser must reject, with a part of the message and the byte offset.
struct RejectedJSON: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let message: String
    let offset: Int
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ message: String, at offset: Int) {
        self.init(name, bytes: Array(text.utf8), message, at: offset)
    }

    init(_ name: String, bytes: [UInt8], _ message: String, at offset: Int) {
        self.name = name
        self.bytes = bytes
        self.message = message
        self.offset = offset
    }
}

private func number(_ literal: String) -> JSONValue { .number(JSONNumber(literal: literal)) }

private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

private let accepted: [AcceptedJSON] = [
    AcceptedJSON("object", #"{"a":1,"b":[true,false,null]}"#,
                 .object(["a": number("1"), "b": .array([.bool(true), .bool(false), .null])])),
    AcceptedJSON("whitespace everywhere", " \t\r\n[ 1 , \"x\" ] \n", .array([number("1"), .string("x")])),
    AcceptedJSON("leading byte order mark", bytes: bom + Array(#"{"a":"b"}"#.utf8), .object(["a": .string("b")])),
    AcceptedJSON("scalar document", "\"just a string\"", .string("just a string")),
    AcceptedJSON("empty containers", #"[{},[],""]"#, .array([.object([:]), .array([]), .string("")])),
    AcceptedJSON("number forms", "[0,-0,1.5,-12.25e+3,1E-2,10]",
                 .array(["0", "-0", "1.5", "-12.25e+3", "1E-2", "10"].map(number))),
    AcceptedJSON("huge integer keeps every digit", "123456789012345678901234567890",
                 number("123456789012345678901234567890")),
    AcceptedJSON("number beyond Double range", "[1e400,-1.5E+400]", .array([number("1e400"), number("-1.5E+400")])),
    AcceptedJSON("simple escapes", #""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
    AcceptedJSON("unicode escapes", #""\u00e9\u00C9\u0000""#, .string("éÉ\u{0}")),
    AcceptedJSON("surrogate pair escape", #""\ud83d\ude00""#, .string("😀")),
    AcceptedJSON("raw UTF-8", #"{"名前":"日本語 😀"}"#, .object(["名前": .string("日本語 😀")])),
    AcceptedJSON("escapes between raw UTF-8", #""é\n😀\t""#, .string("é\n😀\t")),
    AcceptedJSON("empty key", #"{"":1}"#, .object(["": number("1")])),
]

private let rejected: [RejectedJSON] = [
    RejectedJSON("empty input", "", "empty input", at: 0),
    RejectedJSON("only whitespace", "  \n ", "empty input", at: 4),
    RejectedJSON("only a byte order mark", bytes: bom, "empty input", at: 3),
    RejectedJSON("two byte order marks", bytes: bom + bom + [0x31], "unexpected byte 0xEF", at: 3),
    RejectedJSON("trailing comma in array", "[1,2,]", "trailing comma before ']'", at: 5),
    RejectedJSON("trailing comma in object", #"{"a":1,}"#, "trailing comma before '}'", at: 7),
    RejectedJSON("leading zero", "01", "leading zero in number", at: 0),
    RejectedJSON("negative leading zero", "[-007]", "leading zero in number", at: 1),
    RejectedJSON("NaN", "NaN", "NaN and Infinity are not valid JSON numbers", at: 0),
    RejectedJSON("Infinity", "[Infinity]", "NaN and Infinity are not valid JSON numbers", at: 1),
    RejectedJSON("negative Infinity", "-Infinity", "NaN and Infinity are not valid JSON numbers", at: 1),
    RejectedJSON("plus sign", "+1", "unexpected character '+'", at: 0),
    RejectedJSON("bare fraction", ".5", "unexpected character '.'", at: 0),
    RejectedJSON("fraction without digits", "1.e5", "expected a digit after '.' but found character 'e'", at: 2),
    RejectedJSON("hex number", "0x10", "unexpected character 'x' after the JSON value", at: 1),
    RejectedJSON("trailing garbage", "{} x", "unexpected character 'x' after the JSON value", at: 3),
    RejectedJSON("two documents", "1 2", "unexpected character '2' after the JSON value", at: 2),
    RejectedJSON("missing comma", "[1 2]", "expected ',' or ']' but found character '2'", at: 3),
    RejectedJSON("missing colon", #"{"a" 1}"#, "expected ':' but found character '1'", at: 5),
    RejectedJSON("single quotes", "{'a':1}", "expected a string key but found character '''", at: 1),
    RejectedJSON("unquoted key", "{a:1}", "expected a string key but found character 'a'", at: 1),
    RejectedJSON("comment", "// hi\n{}", "unexpected character '/'", at: 0),
    RejectedJSON("misspelt literal", "[tru]", "unexpected character ']' in literal, expected 'true'", at: 4),
    RejectedJSON("capitalised literal", "True", "unexpected character 'T'", at: 0),
    RejectedJSON("truncated object", #"{"a":"#, "unexpected end of input, expected a value", at: 5),
    RejectedJSON("truncated array", "[1,2", "unexpected end of input, expected ',' or ']'", at: 4),
    RejectedJSON("truncated after key", #"{"a""#, "unexpected end of input, expected ':'", at: 4),
    RejectedJSON("truncated string", #"{"a":"abc"#, "unexpected end of input in string starting at byte 5", at: 9),
    RejectedJSON("truncated escape", #""ab\"#, "unexpected end of input in escape sequence", at: 4),
    RejectedJSON("truncated unicode escape", #""\u12"#, "unexpected end of input, expected four hex digits", at: 5),
    RejectedJSON("truncated literal", "[nul", "unexpected end of input, expected 'null'", at: 4),
    RejectedJSON("truncated number", "[-", "unexpected end of input, expected a digit", at: 2),
    RejectedJSON("truncated exponent", "1e", "unexpected end of input, expected a digit in the exponent", at: 2),
    RejectedJSON("truncated after comma", #"{"a":1,"#, "unexpected end of input, expected a string key", at: 7),
    RejectedJSON("invalid UTF-8 byte in string", bytes: [0x22, 0x61, 0xFF, 0x22], "invalid UTF-8 byte 0xFF", at: 2),
    RejectedJSON("overlong encoding", bytes: [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0", at: 1),
    RejectedJSON("encoded surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22],
                 "invalid UTF-8 sequence starting with byte 0xED", at: 1),
    RejectedJSON("beyond U+10FFFF", bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],
                 "invalid UTF-8 sequence starting with byte 0xF4", at: 1),
    RejectedJSON("cut multi-byte sequence", bytes: [0x22, 0xE6, 0x97, 0x22], "invalid UTF-8 sequence", at: 1),
    RejectedJSON("lone continuation byte", bytes: [0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80", at: 1),
    RejectedJSON("invalid UTF-8 outside strings", bytes: [0x5B, 0xC3, 0xA9, 0x5D], "unexpected byte 0xC3", at: 1),
    RejectedJSON("invalid UTF-8 in key", bytes: Array(#"{""#.utf8) + [0xFE] + Array(#"":1}"#.utf8),
                 "invalid UTF-8 byte 0xFE", at: 2),
    RejectedJSON("lone high surrogate", #""\ud800""#, #"lone surrogate \uD800 in string"#, at: 1),
    RejectedJSON("lone low surrogate", #""a\uDC00""#, #"lone surrogate \uDC00 in string"#, at: 2),
    RejectedJSON("high surrogate before other escape", #""\ud83d\u0041""#, #"lone surrogate \uD83D in string"#, at: 1),
    RejectedJSON("reversed surrogate pair", #""\ude00\ud83d""#, #"lone surrogate \uDE00 in string"#, at: 1),
    RejectedJSON("bad hex in unicode escape", #""\u12G4""#, "expected four hex digits in \\u escape", at: 5),
    RejectedJSON("invalid escape", #""\x""#, #"invalid escape sequence '\x'"#, at: 1),
    RejectedJSON("raw newline in string", "\"a\nb\"", "unescaped control character U+000A in string", at: 2),
    RejectedJSON("raw tab in string", "\"a\tb\"", "unescaped control character U+0009 in string", at: 2),
    RejectedJSON("raw NUL in string", "\"\u{0}\"", "unescaped control character U+0000 in string", at: 1),
    RejectedJSON("duplicate key", #"{"a":1,"a":2}"#, #"duplicate key "a" in object"#, at: 7),
    RejectedJSON("duplicate key spelt with an escape", #"{"a":1,"\u0061":2}"#, #"duplicate key "a" in object"#, at: 7),
    RejectedJSON("duplicate key after an object with the same keys", #"[{"a":1,"b":2},{"b":1,"a":2,"b":3}]"#,
                 #"duplicate key "b" in object"#, at: 28),
    RejectedJSON("duplicate key of an object around objects with the same keys", #"{"x":{"a":1},"y":{"a":2},"x":3}"#,
                 #"duplicate key "x" in object"#, at: 25),
    manyKeysThenARepeat(),
    RejectedJSON("HTML page", "<!DOCTYPE html>\n<html><body>Service Unavailable</body></html>",
                 "unexpected character '<'; the body looks like HTML or XML, not JSON", at: 0),
    RejectedJSON("HTML page after whitespace and BOM", bytes: bom + Array("\n<html></html>".utf8),
                 "the body looks like HTML or XML, not JSON", at: 4),
]

/// An object of 300 distinct keys (more than the parser's key cache has slots, so some share
/// one) whose last member repeats the 8th.
private func manyKeysThenARepeat() -> RejectedJSON {
    let members = (0..<300).map { #""k\#($0)":\#($0)"# }.joined(separator: ",")
    let text = "{\(members),\"k7\":1}"
    return RejectedJSON("duplicate key among 300", text, #"duplicate key "k7" in object"#, at: text.utf8.count - #""k7":1}"#.utf8.count)
}

struct JSONParserTests {
    @Test(arguments: accepted)
    func acceptsValidJSON(_ sample: AcceptedJSON) throws {
        #expect(try JSONParser.parse(sample.bytes) == sample.expected)
    }

    @Test(arguments: rejected)
    func rejectsInvalidJSONWithMessageAndOffset(_ sample: RejectedJSON) {
        do {
            let value = try JSONParser.parse(sample.bytes)
            Issue.record("accepted as \(value)")
        } catch {
            #expect(error.message.contains(sample.message), "\(error)")
            #expect(error.offset == sample.offset, "\(error)")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let open = [UInt8](repeating: UInt8(ascii: "["), count: 10_000)
        let balanced = open + [UInt8](repeating: UInt8(ascii: "]"), count: 10_000)
        for body in [open, balanced] {
            #expect(throws: JSONParseError(message: "nesting deeper than 512 levels", offset: 512, line: 1, column: 513)) {
                try JSONParser.parse(body)
            }
        }
        let objects = String(repeating: #"{"a":"#, count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects) }
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let text = String(repeating: "[", count: 5) + String(repeating: "]", count: 5)
        #expect(throws: Never.self) { try JSONParser.parse(text, maximumDepth: 5) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text, maximumDepth: 4) }
    }

    @Test func largeDepthLimitDoesNotUseTheCallStack() throws {
        let depth = 1_000
        let text = String(repeating: #"{"a":["#, count: depth) + "1" + String(repeating: "]}", count: depth)
        var value = try JSONParser.parse(text, maximumDepth: 2 * depth)
        for _ in 0..<depth {
            guard case let .array(items)? = value["a"], let first = items.first else { Issue.record("shape"); return }
            value = first
        }
        #expect(value == .integer(1))
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let value = try JSONParser.parse("[1.50, 1e400, 123456789012345678901234567890, -0, 2E+3]")
        let literals = value.arrayValue?.compactMap { item -> String? in
            if case let .number(number) = item { number.text } else { nil }
        }
        #expect(literals == ["1.50", "1e400", "123456789012345678901234567890", "-0", "2E+3"])
    }

    @Test func descriptionNamesTheByteOffset() {
        do {
            _ = try JSONParser.parse("[1,<]")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "invalid JSON at byte 3: unexpected character '<'")
        }
    }

    @Test func errorCarriesLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": x\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 9)
            #expect(error.line == 2)
            #expect(error.column == 8)
        }
    }

    @Test func dataSliceAndStringInputsAgree() throws {
        let text = "\u{FEFF}{\"items\":[{\"id\":\"é\"}],\"totalCount\":1}"
        let fromString = try JSONParser.parse(text)
        let fromData = try JSONParser.parse(Data(text.utf8))
        let fromSlice = try JSONParser.parse(Array(("  " + text).utf8)[2...])
        #expect(fromString == fromData)
        #expect(fromString == fromSlice)
        #expect(fromString["totalCount"] == .integer(1))
    }

    @Test func emptyDataIsAnError() {
        #expect(throws: JSONParseError(message: "empty input", offset: 0, line: 1, column: 1)) {
            try JSONParser.parse(Data())
        }
    }

    @Test func surrogatePairEscapeRoundTrips() throws {
        let value = try JSONParser.parse(#"{"emoji":"\ud83d\ude00 \uD83C\uDDEB\uD83C\uDDF7"}"#)
        #expect(value["emoji"] == .string("😀 🇫🇷"))
        #expect(try JSONParser.parse(JSONWriter.string(from: value)) == value)
    }
}

/// Strings are scanned eight bytes at a time: each kind of byte that ends a plain run must be
/// seen at every offset in a word, in values and in keys alike.
struct JSONParserWordScanTests {
    @Test(arguments: 0..<20)
    func specialBytesAtEveryOffset(_ position: Int) throws {
        let plain = String(repeating: "a", count: position)
        let tail = String(repeating: "b", count: 11)
        for (inside, expected) in [(#"\""#, "\""), (#"\\"#, "\\"), ("é", "é"), ("😀", "😀"), ("\u{7F}", "\u{7F}"), (#"\n"#, "\n")] {
            let text = plain + inside + tail
            let json = "{\"" + text + "\":\"" + text + "\"}"
            let value = try JSONParser.parse(json)
            #expect(value == .object([plain + expected + tail: .string(plain + expected + tail)]), "\(json)")
        }
        for (byte, message) in [(UInt8(0x0A), "unescaped control character"), (0x1F, "unescaped control character"), (0xFF, "invalid UTF-8 byte")] {
            let value = Array("[\"".utf8) + Array(plain.utf8) + [byte] + Array(tail.utf8) + Array("\"]".utf8)
            let key = Array("{\"".utf8) + Array(plain.utf8) + [byte] + Array(tail.utf8) + Array("\":1}".utf8)
            for body in [value, key] {
                #expect {
                    try JSONParser.parse(body)
                } throws: { error in
                    guard let error = error as? JSONParseError else { return false }
                    return error.message.contains(message) && error.offset == 2 + position
                }
            }
        }
    }

    @Test func aKeyRepeatedAcrossObjectsIsTheSameKeyEachTime() throws {
        let key = "relationshipToPartner"
        let value = try JSONParser.parse("[" + (0..<100).map { #"{"\#(key)":\#($0),"k\#($0 % 7)":true}"# }.joined(separator: ",") + "]")
        let items = try #require(value.arrayValue)
        for (index, item) in items.enumerated() {
            #expect(item[key] == .integer(index))
            #expect(item["k\(index % 7)"] == .bool(true))
            #expect(item.objectValue?.count == 2)
        }
    }
}
