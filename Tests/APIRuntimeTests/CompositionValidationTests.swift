import APIRuntime
import Testing

/// Line items as Partner Center sends them: kinds told apart by `attributes.objectType`.
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
          "mapping": {"LicenseBased": "#/schemas/LicenseBasedLineItem", "UsageBased": "#/schemas/UsageBasedLineItem"}
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
        #expect(discriminator.mapping == ["LicenseBased": "LicenseBasedLineItem", "UsageBased": "UsageBasedLineItem"])
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"attributes":{"objectType":"UsageBased"}}"#)) == "UsageBased")
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"attributes":{"objectType":3}}"#)) == nil)
        #expect(discriminator.discriminatorValue(of: try JSONParser.parse(#"{"objectType":"UsageBased"}"#)) == nil)
        #expect(discriminator.discriminatorValue(of: .string("UsageBased")) == nil)
        #expect(discriminator.schemaName(for: "LicenseBased", in: lineItem.oneOf) == "LicenseBasedLineItem")
        #expect(discriminator.schemaName(for: "OneTime", in: lineItem.oneOf) == "OneTime")
        #expect(discriminator.schemaName(for: "Reservation", in: lineItem.oneOf) == nil)
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
}
