import APIRuntime
import Testing

/// A value checked against a schema, with the violations expected (as descriptions).
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let schema: String
    let value: String
    let expected: [String]
    var testDescription: String { "\(schema) ⟵ \(value)" }

    init(_ schema: String, _ value: String, _ expected: [String]) {
        self.schema = schema
        self.value = value
        self.expected = expected
    }
}

private let keywordCases: [ValidationCase] = [
    // type
    ValidationCase(#"{"type":"string"}"#, "5", ["/: expected string, got integer"]),
    ValidationCase(#"{"type":"string"}"#, "5.5", ["/: expected string, got number"]),
    ValidationCase(#"{"type":"object"}"#, "[]", ["/: expected object, got array"]),
    ValidationCase(#"{"type":"array"}"#, "null", ["/: expected array, got null"]),
    ValidationCase(#"{"type":"boolean"}"#, #""true""#, ["/: expected boolean, got string"]),
    ValidationCase(#"{"type":"null"}"#, "{}", ["/: expected null, got object"]),
    ValidationCase(#"{"type":["integer","string"]}"#, "true", ["/: expected integer or string, got boolean"]),
    ValidationCase(#"{"type":["integer","string"]}"#, #""x""#, []),
    ValidationCase(#"{"type":"string","nullable":true}"#, "null", []),
    ValidationCase(#"{"type":"string","nullable":true}"#, "5", ["/: expected string or null, got integer"]),
    ValidationCase(#"{"type":["string","null"]}"#, "null", []),
    ValidationCase(#"{"type":["string","null"]}"#, "false", ["/: expected string or null, got boolean"]),
    ValidationCase(#"{}"#, "null", []),
    // integer is JSON Schema's: any integral number
    ValidationCase(#"{"type":"integer"}"#, "[1, 1.0, 1e3, -2E+2, 1e400, 123456789012345678901234567890]", ["/: expected integer, got array"]),
    ValidationCase(#"{"items":{"type":"integer"}}"#, "[1, 1.0, 1e3, -2E+2, 1e400, 123456789012345678901234567890]", []),
    ValidationCase(#"{"type":"integer"}"#, "1.5", ["/: expected integer, got number"]),
    ValidationCase(#"{"type":"integer"}"#, "1e-1", ["/: expected integer, got number"]),
    ValidationCase(#"{"type":"number"}"#, "7", []),
    // objects
    ValidationCase(#"{"type":"object","required":["name","id"]}"#, "{}",
                   ["/: missing required property 'id'", "/: missing required property 'name'"]),
    ValidationCase(#"{"required":["id"]}"#, #"{"id":null}"#, []),
    ValidationCase(#"{"properties":{"a":{}},"additionalProperties":false}"#, #"{"a":1,"foo":2}"#,
                   ["/: unexpected property 'foo'"]),
    ValidationCase(#"{"additionalProperties":{"type":"string"}}"#, #"{"x":1,"y":"ok"}"#, ["/x: expected string, got integer"]),
    ValidationCase(#"{"properties":{"a":{"type":"string"}}}"#, #"{"b":1}"#, []),
    // enum and const
    ValidationCase(#"{"enum":["a","b"]}"#, #""x""#, [#"/: value "x" is not one of "a", "b""#]),
    ValidationCase(#"{"enum":["a","b"]}"#, #""b""#, []),
    ValidationCase(#"{"enum":[1,2,null]}"#, "1.0", []),
    ValidationCase(#"{"enum":[1,2,null]}"#, "3", [#"/: value 3 is not one of 1, 2, null"#]),
    ValidationCase(#"{"enum":[{"k":[1]}]}"#, #"{"k":[1.0]}"#, []),
    ValidationCase(#"{"type":"string","enum":["a","b"],"x-tolerant":true}"#, #""zzz""#, []),
    ValidationCase(#"{"enum":["a","b"],"x-tolerant":true}"#, "5", [#"/: value 5 is not one of "a", "b""#]),
    ValidationCase(#"{"type":"string","enum":["a"],"nullable":true}"#, "null", []),
    ValidationCase(#"{"const":"IndirectReseller"}"#, #""Domain""#, [#"/: expected constant "IndirectReseller""#]),
    ValidationCase(#"{"const":"IndirectReseller"}"#, #""IndirectReseller""#, []),
    // formats
    ValidationCase(#"{"type":"string","format":"uuid"}"#, #""abc""#, [#"/: "abc" is not a valid uuid"#]),
    ValidationCase(#"{"format":"uuid"}"#, #""0B6AD0A1-5e2b-4b56-9d9a-6c5e0c4b8f10""#, []),
    ValidationCase(#"{"format":"uuid"}"#, #""0b6ad0a15e2b-4b56-9d9a-6c5e0c4b8f10-""#,
                   [#"/: "0b6ad0a15e2b-4b56-9d9a-6c5e0c4b8f10-" is not a valid uuid"#]),
    ValidationCase(#"{"format":"uuid"}"#, #""0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f1g""#,
                   [#"/: "0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f1g" is not a valid uuid"#]),
    ValidationCase(#"{"format":"uuid"}"#, "5", []),
    ValidationCase(#"{"items":{"format":"date-time"}}"#,
                   #"["2024-05-01T12:00:00Z","2019-09-21T07:19:32.4133333Z","2024-03-01t05:29:60+05:30","2016-12-31T23:59:60Z","2024-05-01T12:00:00.5-08:00"]"#, []),
    // A leap second ends the last minute of a UTC day, nowhere else.
    ValidationCase(#"{"items":{"format":"date-time"}}"#, #"["2024-02-29t23:59:60+05:30","4439-10-30T00:59:60.781311-23:25"]"#,
                   [#"/0: "2024-02-29t23:59:60+05:30" is not a valid date-time"#, #"/1: "4439-10-30T00:59:60.781311-23:25" is not a valid date-time"#]),
    ValidationCase(#"{"items":{"format":"date-time"}}"#,
                   #"["2024-13-01T00:00:00Z","2023-02-29T00:00:00Z","2024-05-01 12:00:00Z","2024-05-01T12:00:00","2024-05-01T24:00:00Z","2024-05-01T12:00:00.Z","2024-05-01T12:00:00+0100"]"#,
                   [#"/0: "2024-13-01T00:00:00Z" is not a valid date-time"#,
                    #"/1: "2023-02-29T00:00:00Z" is not a valid date-time"#,
                    #"/2: "2024-05-01 12:00:00Z" is not a valid date-time"#,
                    #"/3: "2024-05-01T12:00:00" is not a valid date-time"#,
                    #"/4: "2024-05-01T24:00:00Z" is not a valid date-time"#,
                    #"/5: "2024-05-01T12:00:00.Z" is not a valid date-time"#,
                    #"/6: "2024-05-01T12:00:00+0100" is not a valid date-time"#]),
    ValidationCase(#"{"items":{"format":"uri"}}"#,
                   #"["https://api.partnercenter.microsoft.com/v1/customers?size=40&seekOperation=Next","urn:isbn:0451450523","mailto:a@b.c","https://x.test/a%20b#frag"]"#, []),
    ValidationCase(#"{"items":{"format":"uri"}}"#, #"["/v1/customers","not a uri","1http://x","https://x.test/%zz","https://x.test/é",""]"#,
                   [#"/0: "/v1/customers" is not a valid uri"#, #"/1: "not a uri" is not a valid uri"#,
                    #"/2: "1http://x" is not a valid uri"#, #"/3: "https://x.test/%zz" is not a valid uri"#,
                    #"/4: "https://x.test/é" is not a valid uri"#, #"/5: "" is not a valid uri"#]),
    ValidationCase(#"{"items":{"format":"email"}}"#, #"["jane.doe+tag@contoso.onmicrosoft.com","a@b.co"]"#, []),
    ValidationCase(#"{"items":{"format":"email"}}"#, #"["a@b","@b.com","a b@c.com","a@@b.com","a@b..com","a@-b.com"]"#,
                   [#"/0: "a@b" is not a valid email"#, #"/1: "@b.com" is not a valid email"#,
                    #"/2: "a b@c.com" is not a valid email"#, #"/3: "a@@b.com" is not a valid email"#,
                    #"/4: "a@b..com" is not a valid email"#, #"/5: "a@-b.com" is not a valid email"#]),
    // strings
    ValidationCase(#"{"minLength":3}"#, #""ab""#, ["/: string shorter than 3 characters"]),
    ValidationCase(#"{"minLength":3}"#, #""é😀a""#, []),
    ValidationCase(#"{"maxLength":10}"#, #""12345678901""#, ["/: string longer than 10 characters"]),
    ValidationCase(#"{"maxLength":0}"#, #""""#, []),
    ValidationCase(#"{"minLength":3}"#, "5", []),
    ValidationCase(#"{"pattern":"^a"}"#, #""ba""#, ["/: string does not match pattern '^a'"]),
    ValidationCase(#"{"pattern":"b"}"#, #""abc""#, []),
    ValidationCase(#"{"pattern":"^[0-9]+$"}"#, #""12a""#, ["/: string does not match pattern '^[0-9]+$'"]),
    ValidationCase(#"{"items":{"pattern":"("}}"#, #"["x","y"]"#,
                   ["/0: pattern '(' is not a valid regular expression", "/1: pattern '(' is not a valid regular expression"]),
    // numbers
    ValidationCase(#"{"maximum":499}"#, "500", ["/: 500 is greater than the maximum 499"]),
    ValidationCase(#"{"minimum":1}"#, "0", ["/: 0 is less than the minimum 1"]),
    ValidationCase(#"{"minimum":1,"maximum":500}"#, "[1, 500, 1.0, 5e2]", []),
    ValidationCase(#"{"items":{"minimum":1,"maximum":500}}"#, "[1, 500, 1.0, 5e2, 0.99, 500.01, -1e400, 1e400]",
                   ["/4: 0.99 is less than the minimum 1", "/5: 500.01 is greater than the maximum 500",
                    "/6: -1e400 is less than the minimum 1", "/7: 1e400 is greater than the maximum 500"]),
    ValidationCase(#"{"maximum":9007199254740992}"#, "9007199254740993",
                   ["/: 9007199254740993 is greater than the maximum 9007199254740992"]),
    ValidationCase(#"{"minimum":-0.5}"#, "-0.50000000000000000001",
                   ["/: -0.50000000000000000001 is less than the minimum -0.5"]),
    ValidationCase(#"{"maximum":0}"#, "-0", []),
    // multipleOf, exactly in decimal (0.3 is a multiple of 0.1; as Doubles it is not)
    ValidationCase(#"{"items":{"multipleOf":0.1}}"#, "[0.3, -0.7, 0, 12, 1e3, 0.35, 1e-2]",
                   ["/5: 0.35 is not a multiple of 0.1", "/6: 1e-2 is not a multiple of 0.1"]),
    ValidationCase(#"{"items":{"multipleOf":2.5e1}}"#, "[50, 75.0, 2.5e2, 1e400, 60, 12.5]",
                   ["/4: 60 is not a multiple of 2.5e1", "/5: 12.5 is not a multiple of 2.5e1"]),
    ValidationCase(#"{"multipleOf":3,"minimum":10}"#, "7", ["/: 7 is less than the minimum 10", "/: 7 is not a multiple of 3"]),
    ValidationCase(#"{"multipleOf":7}"#, "9007199254740993", ["/: 9007199254740993 is not a multiple of 7"]),
    ValidationCase(#"{"multipleOf":7}"#, "9007199254740995", []),
    // arrays
    ValidationCase(#"{"minItems":1}"#, "[]", ["/: array has fewer than 1 items"]),
    ValidationCase(#"{"maxItems":5}"#, "[1,2,3,4,5,6]", ["/: array has more than 5 items"]),
    ValidationCase(#"{"items":{"type":"string"}}"#, #"["a",1,"b",true]"#,
                   ["/1: expected string, got integer", "/3: expected string, got boolean"]),
    // a type mismatch stops the other checks of that value
    ValidationCase(#"{"type":"string","enum":["a"],"minLength":5}"#, "5", ["/: expected string, got integer"]),
    // pointers escape '~' and '/'
    ValidationCase(#"{"properties":{"a/b":{"type":"string"},"m~n":{"type":"string"},"":{"type":"string"}}}"#,
                   #"{"a/b":1,"m~n":2,"":3}"#,
                   ["/: expected string, got integer", "/a~1b: expected string, got integer", "/m~0n: expected string, got integer"]),
]

private func validate(
    _ schema: String, _ value: String, registry: String = "{}", maximumViolations: Int = 20
) throws -> [String] {
    try violations(of: value, against: schema, registry: registry, maximumViolations: maximumViolations)
}

private let partnerCenterSchemas = #"""
    {
      "CustomerCollection": {
        "type": "object", "required": ["items"],
        "properties": {
          "totalCount": {"type": "integer", "minimum": 0},
          "items": {"type": "array", "items": {"$ref": "#/schemas/Customer"}}
        }
      },
      "Customer": {
        "type": "object", "required": ["id"],
        "properties": {
          "id": {"type": "string", "format": "uuid"},
          "companyProfile": {"$ref": "#/schemas/CompanyProfile", "nullable": true},
          "relationshipToPartner": {"type": "string", "enum": ["reseller", "advisor"], "x-tolerant": true}
        }
      },
      "CompanyProfile": {
        "type": "object",
        "properties": {"companyName": {"type": "string"}, "domain": {"type": "string"}}
      }
    }
    """#

private func customers(_ companyNames: [String]) -> String {
    let items = companyNames.enumerated().map { position, name in
        #"{"id":"0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f\#(String(10 + position))","companyProfile":{"companyName":\#(name),"domain":""},"relationshipToPartner":"syndication"}"#
    }
    return #"{"totalCount":\#(items.count),"items":[\#(items.joined(separator: ","))]}"#
}

struct SchemaValidatorTests {
    @Test(arguments: keywordCases)
    func reportsEachKeywordWithItsMessageAndPointer(_ sample: ValidationCase) throws {
        #expect(try validate(sample.schema, sample.value) == sample.expected)
    }

    @Test func nestedViolationNamesTheFullPointer() throws {
        let body = customers([#""A""#, #""B""#, #""C""#, "1.5", #""E""#])
        let violations = try validate(##"{"$ref":"#/schemas/CustomerCollection"}"##, body, registry: partnerCenterSchemas)
        #expect(violations == ["/items/3/companyProfile/companyName: expected string, got number"])
    }

    @Test func conformingPageHasNoViolations() throws {
        let registry = try SchemaRegistry(json: JSONParser.parse(partnerCenterSchemas))
        let validator = SchemaValidator(registry: registry)
        let page = try JSONParser.parse(customers([#""Contoso""#, #""Fabrikam""#]))
        #expect(validator.validate(page, againstSchemaNamed: "CustomerCollection").isEmpty)
    }

    @Test func nullableReferenceAcceptsNull() throws {
        let body = #"{"items":[{"id":"0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f10","companyProfile":null}]}"#
        #expect(try validate(##"{"$ref":"#/schemas/CustomerCollection"}"##, body, registry: partnerCenterSchemas).isEmpty)
    }

    @Test func unknownSchemaNameIsAViolation() {
        let violations = SchemaValidator().validate(.null, againstSchemaNamed: "Nope")
        #expect(violations == [SchemaViolation(pointer: "", message: "unresolved reference '#/schemas/Nope'")])
    }

    @Test func violationsStopAtTheBound() throws {
        let value = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        let all = try validate(#"{"items":{"type":"string"}}"#, value)
        #expect(all.count == SchemaValidator.defaultMaximumViolations)
        #expect(all.first == "/0: expected string, got integer")
        #expect(all.last == "/19: expected string, got integer")
        #expect(try validate(#"{"items":{"type":"string"}}"#, value, maximumViolations: 3).count == 3)
        #expect(try validate(#"{"type":"string"}"#, "1", maximumViolations: 0).isEmpty)
    }

    @Test func violationsAreInSortedKeyOrder() throws {
        let schema = #"{"required":["q","b"],"additionalProperties":{"type":"string"}}"#
        let violations = try validate(schema, #"{"z":1,"a":{"y":2,"x":3},"m":[4]}"#)
        #expect(violations == [
            "/: missing required property 'b'", "/: missing required property 'q'",
            "/a: expected string, got object", "/m: expected string, got array", "/z: expected string, got integer",
        ])
    }

    @Test func deepValueIsValidatedWithoutRecursion() throws {
        let registry = try SchemaRegistry(json: JSONParser.parse(##"{"Tree": {"type": ["array", "integer"], "items": {"$ref": "#/schemas/Tree"}}}"##))
        var value = JSONValue.string("leaf")
        for _ in 0..<2_000 { value = .array([value]) }
        let violations = SchemaValidator(registry: registry).validate(value, againstSchemaNamed: "Tree")
        #expect(violations.count == 1)
        #expect(violations.first?.pointer == String(repeating: "/0", count: 2_000))
        #expect(violations.first?.message == "expected array or integer, got string")
    }

    /// Deeper than the quick walk goes, a conforming value is still found conforming (by the full run).
    @Test func deepConformingValueHasNoViolations() throws {
        let registry = try SchemaRegistry(json: JSONParser.parse(##"{"Tree": {"type": ["array", "integer"], "items": {"$ref": "#/schemas/Tree"}}}"##))
        var value = JSONValue.integer(1)
        for _ in 0..<2_000 { value = .array([value]) }
        #expect(SchemaValidator(registry: registry).validate(value, againstSchemaNamed: "Tree").isEmpty)
    }

    @Test func descriptionUsesSlashForTheRoot() {
        #expect(SchemaViolation(pointer: "", message: "expected string, got number").description == "/: expected string, got number")
        #expect(
            SchemaViolation(pointer: "/items/3/companyProfile/companyName", message: "expected string, got number").description
                == "/items/3/companyProfile/companyName: expected string, got number"
        )
    }
}
