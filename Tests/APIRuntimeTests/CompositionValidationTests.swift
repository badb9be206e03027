import APIRuntime
import Testing

/// Line items as Partner Center sends them: kinds told apart by `attributes.objectType`, the
/// mapping whole as the generator writes it (the `$ref` branch `OneTime` by its own name).
private let lineItemSchemas = #"""
    {
      "Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
      "Identified": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}},
      "LineItem": {
        "type": "object",
        "oneOf": [
          {"$ref": "#/schemas/LicenseBasedLineItem"}, {"$ref": "#/schemas/UsageBasedLineItem"}, {"$ref": "#/schemas/OneTime"}
        ],
        "discriminator": {
          "propertyName": "attributes.objectType",
          "mapping": {"LicenseBased": "#/schemas/LicenseBasedLineItem", "UsageBased": "#/schemas/UsageBasedLineItem", "OneTime": "#/schemas/OneTime"}
        }
      },
      "LicenseBasedLineItem": {
        "type": "object", "required": ["attributes", "quantity"],
        "properties": {
          "quantity": {"type": "integer", "minimum": 1},
          "attributes": {
            "type": "object",
            "properties": {"objectType": {"const": "LicenseBased"}, "billingCycle": {"enum": ["monthly", "annual"]}}
          }
        }
      },
      "UsageBasedLineItem": {"type": "object", "required": ["attributes", "meter"], "properties": {"meter": {"type": "string"}}},
      "OneTime": {"type": "object", "required": ["attributes", "price"], "properties": {"price": {"type": "number"}}},
      "LineItems": {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/schemas/LineItem"}}}}
    }
    """#

private func validate(
    _ schema: String, _ value: String, registry: String = lineItemSchemas, maximumViolations: Int = 20
) throws -> [String] {
    try violations(of: value, against: schema, registry: registry, maximumViolations: maximumViolations)
}

private func validateLineItem(_ value: String) throws -> [String] {
    try validate(##"{"$ref":"#/schemas/LineItem"}"##, value)
}

/// Line items `[{...}, ...]` wrapped as the `items` of a `LineItems` page.
private func page(_ items: [String]) -> String {
    #"{"items":[\#(items.joined(separator: ","))]}"#
}

private let brokenCompositions: [BrokenSchema] = [
    BrokenSchema(#"{"oneOf":{}}"#, at: "/oneOf", "'oneOf' must be a non-empty array of schemas"),
    BrokenSchema(#"{"allOf":[]}"#, at: "/allOf", "'allOf' must be a non-empty array of schemas"),
    BrokenSchema(#"{"anyOf":"Named"}"#, at: "/anyOf", "'anyOf' must be a non-empty array of schemas"),
    BrokenSchema(#"{"anyOf":[{},5]}"#, at: "/anyOf/1", "a schema must be an object, got integer"),
    BrokenSchema(#"{"allOf":[{"properties":{"a":{"typ":1}}}]}"#, at: "/allOf/0/properties/a/typ", "unknown keyword 'typ'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":"kind"}"#, at: "/discriminator", "'discriminator' must be an object"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{}}"#, at: "/discriminator", "'discriminator' needs a 'propertyName'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":""}}"#, at: "/discriminator/propertyName",
                 "'propertyName' must be a property name or a dotted path of them, such as 'attributes.objectType'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"a..b"}}"#, at: "/discriminator/propertyName",
                 "'propertyName' must be a property name or a dotted path of them, such as 'attributes.objectType'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"attributes."}}"#, at: "/discriminator/propertyName",
                 "'propertyName' must be a property name or a dotted path of them, such as 'attributes.objectType'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":5}}"#, at: "/discriminator/propertyName",
                 "'propertyName' must be a property name or a dotted path of them, such as 'attributes.objectType'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"kind","mapping":[]}}"#, at: "/discriminator/mapping",
                 "'mapping' must be an object"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"kind","mapping":{"a/b":"LicenseBasedLineItem"}}}"#,
                 at: "/discriminator/mapping/a~1b", "a 'mapping' value must have the form '#/schemas/NAME'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"kind","mapping":{"A":5}}}"#,
                 at: "/discriminator/mapping/A", "a 'mapping' value must have the form '#/schemas/NAME'"),
    BrokenSchema(#"{"oneOf":[{}],"discriminator":{"propertyName":"kind","propertyname":"x"}}"#,
                 at: "/discriminator/propertyname", "unknown discriminator member 'propertyname'"),
    BrokenSchema(#"{"discriminator":{"propertyName":"kind"}}"#, at: "/discriminator", "'discriminator' needs 'oneOf' beside it"),
]

@Suite struct CompositionValidationTests {
    // MARK: Decoding

    @Test func decodesCompositionKeywords() throws {
        let schema = try JSONSchema(json: JSONParser.parse(##"""
            {
              "allOf": [{"type": "object"}, {"$ref": "#/schemas/Named"}],
              "anyOf": [{"type": "string"}],
              "oneOf": [{"$ref": "#/schemas/A~1B"}, {"$ref": "#/schemas/C"}],
              "discriminator": {"propertyName": "attributes.objectType", "mapping": {"ab": "#/schemas/A~1B"}}
            }
            """##))
        #expect(schema.allOf.count == 2 && schema.allOf.last?.reference == "Named")
        #expect(schema.anyOf == [try JSONSchema(json: .object(["type": .string("string")]))])
        #expect(schema.oneOf.map(\.reference) == ["A/B", "C"])
        #expect(schema.discriminator == JSONSchema.Discriminator(propertyPath: ["attributes", "objectType"], mapping: ["ab": "A/B"]))
        #expect(try JSONSchema(json: JSONParser.parse(#"{"oneOf":[{}],"discriminator":{"propertyName":"kind"}}"#)).discriminator?.mapping == [:])
    }

    @Test(arguments: brokenCompositions)
    func refusesBrokenCompositionWithPointer(_ sample: BrokenSchema) throws {
        let json = try JSONParser.parse(sample.json)
        #expect(throws: JSONSchemaError(pointer: sample.pointer, message: sample.message)) {
            try JSONSchema(json: json)
        }
    }

    @Test func discriminatorHelpersReadTheValueAndPickTheSchema() throws {
        let registry = try SchemaRegistry(json: JSONParser.parse(lineItemSchemas))
        let lineItem = try #require(registry["LineItem"])
        let discriminator = try #require(lineItem.discriminator)
        #expect(discriminator.propertyPath == ["attributes", "objectType"])
        #expect(discriminator.mapping == ["LicenseBased": "LicenseBasedLineItem", "UsageBased": "UsageBasedLineItem", "OneTime": "OneTime"])
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"attributes":{"objectType":"UsageBased"}}"#)) == "UsageBased")
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"attributes":{"objectType":3}}"#)) == nil)
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"objectType":"UsageBased"}"#)) == nil)
        #expect(discriminator.discriminatorValue(of: .string("UsageBased")) == nil)
        #expect(discriminator.mapping["LicenseBased"] == "LicenseBasedLineItem")
        #expect(discriminator.mapping["Reservation"] == nil, "a kind the mapping does not list")
    }

    // MARK: Registry

    @Test func registryRefusesAMappingToAnUnknownSchema() throws {
        let json = try JSONParser.parse(##"""
            {"A": {},
             "LineItem": {"oneOf": [{"$ref": "#/schemas/A"}], "discriminator": {"propertyName": "kind", "mapping": {"B": "#/schemas/Missing"}}}}
            """##)
        #expect(throws: JSONSchemaError(pointer: "/LineItem/discriminator/mapping/B", message: "unresolved reference '#/schemas/Missing'")) {
            try SchemaRegistry(json: json)
        }
    }

    @Test func registryRefusesAnUnknownReferenceInsideComposition() throws {
        let json = try JSONParser.parse(##"{"A": {"anyOf": [{}, {"items": {"$ref": "#/schemas/Missing"}}]}}"##)
        #expect(throws: JSONSchemaError(pointer: "/A/anyOf/1/items/$ref", message: "unresolved reference '#/schemas/Missing'")) {
            try SchemaRegistry(json: json)
        }
    }

    @Test(arguments: [
        (##"{"A": {"allOf": [{"$ref": "#/schemas/A"}]}}"##, "/A/allOf/0/$ref", "reference cycle A → A"),
        (##"{"A": {"allOf": [{"type": "object"}, {"$ref": "#/schemas/B"}]}, "B": {"allOf": [{"$ref": "#/schemas/A"}]}}"##,
         "/B/allOf/0/$ref", "reference cycle A → B → A"),
        (##"{"A": {"oneOf": [{"anyOf": [{"$ref": "#/schemas/B"}]}]}, "B": {"$ref": "#/schemas/A"}}"##,
         "/B/$ref", "reference cycle A → B → A"),
        (##"""
         {"Base": {"oneOf": [{"$ref": "#/schemas/Sub"}], "discriminator": {"propertyName": "kind", "mapping": {"sub": "#/schemas/Sub"}}},
          "Sub": {"allOf": [{"$ref": "#/schemas/Base"}, {"required": ["x"]}]}}
         """##, "/Sub/allOf/0/$ref", "reference cycle Base → Sub → Base"),
    ])
    func registryRefusesALoopAtOneValue(_ registry: String, _ pointer: String, _ message: String) throws {
        let json = try JSONParser.parse(registry)
        #expect(throws: JSONSchemaError(pointer: pointer, message: message)) { try SchemaRegistry(json: json) }
    }

    @Test func registryAllowsSharedSchemasAndRecursionThroughMembers() throws {
        let json = try JSONParser.parse(##"""
            {"A": {"allOf": [{"$ref": "#/schemas/B"}, {"$ref": "#/schemas/C"}]},
             "B": {"anyOf": [{"$ref": "#/schemas/C"}]},
             "C": {"type": "object"},
             "Node": {"allOf": [{"properties": {"children": {"items": {"$ref": "#/schemas/Node"}}}}]}}
            """##)
        #expect(throws: Never.self) { try SchemaRegistry(json: json) }
    }

    // MARK: allOf

    @Test func allOfReportsEachSchemasViolationsAtTheirPointers() throws {
        let schema = ##"{"items":{"type":"object","allOf":[{"$ref":"#/schemas/Named"},{"$ref":"#/schemas/Identified"}]}}"##
        #expect(try validate(schema, #"[{"name":"Contoso","id":"0b6ad0a1-5e2b-4b56-9d9a-6c5e0c4b8f10"}]"#).isEmpty)
        #expect(try validate(schema, #"[{"name":5,"id":"x"},{}]"#) == [
            "/0/name: expected string, got integer", #"/0/id: "x" is not a valid uuid"#,
            "/1: missing required property 'name'", "/1: missing required property 'id'",
        ])
    }

    @Test func allOfCombinesWithTheSchemasOtherKeywords() throws {
        let schema = ##"{"type":"object","properties":{"extra":{"type":"boolean"}},"allOf":[{"$ref":"#/schemas/Named"},{"$ref":"#/schemas/Identified"}]}"##
        #expect(try validate(schema, #"{"name":1,"extra":"no"}"#) == [
            "/name: expected string, got integer", "/: missing required property 'id'", "/extra: expected boolean, got string",
        ])
        #expect(try validate(schema, "5") == ["/: expected object, got integer"])
    }

    // MARK: anyOf

    @Test func anyOfAcceptsAValueOneSchemaAccepts() throws {
        let schema = ##"{"anyOf":[{"type":"string"},{"$ref":"#/schemas/Named"}]}"##
        #expect(try validate(schema, #""Contoso""#).isEmpty)
        #expect(try validate(schema, #"{"name":"Contoso"}"#).isEmpty)
    }

    @Test func anyOfRefusalShowsTheClosestSchemasViolations() throws {
        let schema = ##"{"properties":{"owner":{"anyOf":[{"type":"object","required":["a","b","c"]},{"$ref":"#/schemas/Named"}]}}}"##
        #expect(try validate(schema, #"{"owner":{"name":3}}"#) == [
            "/owner: matched none of the 2 schemas of anyOf", "/owner/name: expected string, got integer",
        ])
    }

    @Test func anyOfWithEquallyCloseSchemasShowsTheFirst() throws {
        #expect(try validate(#"{"anyOf":[{"type":"string"},{"type":"array"}]}"#, "true") == [
            "/: matched none of the 2 schemas of anyOf", "/: expected string, got boolean",
        ])
    }

    @Test func nestedRunsStopAtTheViolationBound() throws {
        let value = "[" + (0..<100).map(String.init).joined(separator: ",") + "]"
        let schema = #"{"anyOf":[{"items":{"type":"string"}},{"items":{"type":"boolean"}}]}"#
        #expect(try validate(schema, value, maximumViolations: 4) == [
            "/: matched none of the 2 schemas of anyOf",
            "/0: expected string, got integer", "/1: expected string, got integer", "/2: expected string, got integer",
        ])
        #expect(try validate(schema, value, maximumViolations: 1) == ["/: matched none of the 2 schemas of anyOf"])
    }

    @Test func anyOfOverADeepValueNeedsNoRecursion() throws {
        let registry = ##"{"Tree": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"$ref": "#/schemas/Tree"}}]}}"##
        var value = JSONValue.string("leaf")
        for _ in 0..<2_000 { value = .array([value]) }
        let validator = SchemaValidator(registry: try SchemaRegistry(json: JSONParser.parse(registry)))
        #expect(validator.validate(value, againstSchemaNamed: "Tree").isEmpty)
        #expect(validator.validate(.array([value, .integer(5)]), againstSchemaNamed: "Tree") == [
            SchemaViolation(pointer: "", message: "matched none of the 2 schemas of anyOf"),
            SchemaViolation(pointer: "", message: "expected string, got array"),
        ])
    }

    // MARK: oneOf

    @Test(arguments: [
        (#""text""#, [String]()),
        ("5", []),
        ("12", ["/: matched 2 of the 3 schemas of oneOf (0, 1; exactly one must match)"]),
        ("true", ["/: matched none of the 3 schemas of oneOf", "/: expected integer, got boolean"]),
        ("1.5", ["/: matched none of the 3 schemas of oneOf", "/: expected integer, got number"]),
    ])
    func oneOfNeedsExactlyOneMatch(_ value: String, _ expected: [String]) throws {
        let schema = #"{"oneOf":[{"type":"integer"},{"type":"number","minimum":10},{"type":"string"}]}"#
        #expect(try validate(schema, value) == expected)
    }

    @Test func oneOfRefusalShowsTheClosestSchemaAtItsPointers() throws {
        let schema = ##"{"items":{"oneOf":[{"type":"string"},{"$ref":"#/schemas/Named"}]}}"##
        #expect(try validate(schema, #"["a",{"name":[]}]"#) == [
            "/1: matched none of the 2 schemas of oneOf", "/1: expected string, got object",
        ])
        #expect(try validate(##"{"oneOf":[{"type":"object","required":["a","b"]},{"$ref":"#/schemas/Named"}]}"##, #"{"name":[]}"#) == [
            "/: matched none of the 2 schemas of oneOf", "/name: expected string, got array",
        ])
    }

    // MARK: Discriminated oneOf

    @Test func discriminatedKnownKindIsCheckedAgainstItsSchemaOnly() throws {
        #expect(try validateLineItem(#"{"attributes":{"objectType":"LicenseBased","billingCycle":"annual"},"quantity":2}"#).isEmpty)
        #expect(try validateLineItem(#"{"attributes":{"objectType":"UsageBased"},"meter":"compute"}"#).isEmpty)
    }

    @Test func discriminatedKnownKindReportsItsOwnViolations() throws {
        #expect(try validateLineItem(#"{"attributes":{"objectType":"LicenseBased","billingCycle":"weekly"},"quantity":0}"#) == [
            #"/attributes/billingCycle: value "weekly" is not one of "monthly", "annual""#,
            "/quantity: 0 is less than the minimum 1",
        ])
        let violations = try validate(##"{"$ref":"#/schemas/LineItems"}"##, page([
            #"{"attributes":{"objectType":"LicenseBased"},"quantity":1}"#,
            #"{"attributes":{"objectType":"UsageBased"},"meter":5}"#,
        ]))
        #expect(violations == ["/items/1/meter: expected string, got integer"])
        #expect(!violations.contains { $0.contains("matched none") })
    }

    @Test func discriminatedUnknownKindIsAccepted() throws {
        #expect(try validateLineItem(#"{"attributes":{"objectType":"Reservation"},"quantity":"many"}"#).isEmpty)
    }

    /// A kind is looked up as OpenAPI says, by the one rule on `JSONSchema`
    /// (`discriminatorMapping`): the explicit mapping, then each `$ref` branch by its own name.
    /// (The generator writes the mapping whole; a document written by hand need not.)
    @Test func aKindIsLookedUpInTheWholeMapping() throws {
        #expect(try validateLineItem(#"{"attributes":{"objectType":"OneTime"},"price":9.5}"#).isEmpty)
        #expect(try validateLineItem(#"{"attributes":{"objectType":"OneTime"}}"#) == ["/: missing required property 'price'"])
        let unmapped = ##"{"oneOf":[{"$ref":"#/schemas/Named"},{"$ref":"#/schemas/Identified"}],"discriminator":{"propertyName":"kind"}}"##
        #expect(try validate(unmapped, #"{"kind":"Identified","id":"x"}"#) == [#"/id: "x" is not a valid uuid"#], "a branch by its own name")
        #expect(try validate(unmapped, #"{"kind":"Reservation","id":"x"}"#).isEmpty, "a kind neither mapping lists is not checked")
    }

    @Test(arguments: [
        ("{}", "/items/0: missing discriminator 'attributes.objectType'"),
        (#"{"attributes":{}}"#, "/items/0/attributes: missing discriminator 'attributes.objectType'"),
        (#"{"attributes":"LicenseBased"}"#, "/items/0/attributes: missing discriminator 'attributes.objectType'"),
        (#"{"attributes":{"objectType":7}}"#, "/items/0/attributes/objectType: expected string, got integer"),
        (#"{"attributes":{"objectType":1.5}}"#, "/items/0/attributes/objectType: expected string, got number"),
        (#"{"attributes":{"objectType":null}}"#, "/items/0/attributes/objectType: expected string, got null"),
    ])
    func discriminatorMissingOrNotAStringIsReportedWhereItShouldBe(_ item: String, _ expected: String) throws {
        #expect(try validate(##"{"$ref":"#/schemas/LineItems"}"##, page([item])) == [expected])
    }

    @Test func discriminatorIsReadThroughTheDottedPath() throws {
        let items = [
            #"{"attributes":{"objectType":"LicenseBased"},"quantity":1}"#,
            #"{"attributes":{"objectType":"UsageBased"},"meter":"m"}"#,
            #"{"attributes":{"objectType":"OneTime"},"price":1}"#,
            #"{"attributes":{"objectType":12}}"#,
        ]
        #expect(try validate(##"{"$ref":"#/schemas/LineItems"}"##, page(items)) == ["/items/3/attributes/objectType: expected string, got integer"])
    }

    @Test func tenThousandDiscriminatedItemsAreValidated() throws {
        let kinds = [
            #"{"attributes":{"objectType":"LicenseBased"},"quantity":3}"#,
            #"{"attributes":{"objectType":"UsageBased"},"meter":"compute"}"#,
            #"{"attributes":{"objectType":"Reservation"}}"#,
            #"{"attributes":{"objectType":"LicenseBased"},"quantity":0}"#,
        ]
        let body = page((0..<10_000).map { kinds[$0 % kinds.count] })
        let all = try validate(##"{"$ref":"#/schemas/LineItems"}"##, body, maximumViolations: 10_000)
        #expect(all.count == 2_500)
        #expect(all.allSatisfy { $0.hasSuffix("/quantity: 0 is less than the minimum 1") })
        #expect(all.first == "/items/3/quantity: 0 is less than the minimum 1")
        #expect(all.last == "/items/9999/quantity: 0 is less than the minimum 1")
        #expect(try validate(##"{"$ref":"#/schemas/LineItems"}"##, body).count == SchemaValidator.defaultMaximumViolations)
    }
}
