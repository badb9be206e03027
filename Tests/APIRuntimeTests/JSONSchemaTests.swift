import APIRuntime
import Testing

/// A schema document that must be refused, with the pointer and message of the error.
struct BrokenSchema: Sendable, CustomTestStringConvertible {
    let json: String
    let pointer: String
    let message: String
    var testDescription: String { json }

    init(_ json: String, at pointer: String, _ message: String) {
        self.json = json
        self.pointer = pointer
        self.message = message
    }
}

private let brokenSchemas: [BrokenSchema] = [
    BrokenSchema(#"{"propertes":{}}"#, at: "/propertes", "unknown keyword 'propertes'"),
    BrokenSchema(#"{"properties":{"id":{"type":"strin"}}}"#, at: "/properties/id/type", "unknown type 'strin'"),
    BrokenSchema(#"{"type":5}"#, at: "/type", "'type' must be a string or a non-empty array of strings"),
    BrokenSchema(#"{"type":[]}"#, at: "/type", "'type' must be a string or a non-empty array of strings"),
    BrokenSchema(#"{"type":["string",1]}"#, at: "/type", "'type' must be a string or a non-empty array of strings"),
    BrokenSchema(#"{"type":["string","string"]}"#, at: "/type", "type 'string' is listed twice"),
    BrokenSchema(##"{"$ref":"#/components/schemas/X"}"##, at: "/$ref", "'$ref' must have the form '#/schemas/NAME'"),
    BrokenSchema(##"{"$ref":"#/schemas/"}"##, at: "/$ref", "'$ref' must have the form '#/schemas/NAME'"),
    BrokenSchema(#"{"nullable":"yes"}"#, at: "/nullable", "'nullable' must be a boolean"),
    BrokenSchema(#"{"x-tolerant":1}"#, at: "/x-tolerant", "'x-tolerant' must be a boolean"),
    BrokenSchema(#"{"properties":[]}"#, at: "/properties", "'properties' must be an object"),
    BrokenSchema(#"{"required":"id"}"#, at: "/required", "'required' must be an array of strings"),
    BrokenSchema(#"{"required":[1]}"#, at: "/required", "'required' must be an array of strings"),
    BrokenSchema(#"{"items":"string"}"#, at: "/items", "a schema must be an object, got string"),
    BrokenSchema(#"{"additionalProperties":{"x":1}}"#, at: "/additionalProperties/x", "unknown keyword 'x'"),
    BrokenSchema(#"{"enum":"a"}"#, at: "/enum", "'enum' must be an array"),
    BrokenSchema(#"{"format":"ipv4"}"#, at: "/format", "unknown format 'ipv4'"),
    BrokenSchema(#"{"format":true}"#, at: "/format", "'format' must be a string"),
    BrokenSchema(#"{"minLength":-1}"#, at: "/minLength", "'minLength' must be a non-negative integer"),
    BrokenSchema(#"{"maxItems":1.5}"#, at: "/maxItems", "'maxItems' must be a non-negative integer"),
    BrokenSchema(#"{"maxLength":"3"}"#, at: "/maxLength", "'maxLength' must be a non-negative integer"),
    BrokenSchema(#"{"pattern":1}"#, at: "/pattern", "'pattern' must be a string"),
    BrokenSchema(#"{"minimum":"1"}"#, at: "/minimum", "'minimum' must be a number"),
    BrokenSchema(#"{"properties":{"a/b~":{"foo":1}}}"#, at: "/properties/a~1b~0/foo", "unknown keyword 'foo'"),
    BrokenSchema(#"[]"#, at: "", "a schema must be an object, got array"),
]

struct JSONSchemaTests {
    @Test func decodesEveryKeyword() throws {
        let schema = try JSONSchema(json: JSONParser.parse(#"""
            {
              "type": ["object", "null"], "nullable": true, "description": "d", "title": "t", "default": {},
              "required": ["id"], "additionalProperties": {"type": "string"},
              "properties": {
                "id": {"type": "string", "format": "uuid", "minLength": 36, "maxLength": 36, "pattern": "^[0-9a-f-]+$"},
                "kind": {"enum": ["a", "b", 1, null], "x-tolerant": true},
                "field": {"const": "IndirectReseller"},
                "size": {"type": "integer", "minimum": 1, "maximum": 500},
                "tags": {"type": "array", "items": {"$ref": "#/schemas/Tag"}, "minItems": 1, "maxItems": 5},
                "open": {"additionalProperties": false}
              }
            }
            """#))
        #expect(schema.types == [.object, .null])
        #expect(schema.nullable && schema.allowsNull)
        #expect(schema.required == ["id"])
        #expect(schema.additionalProperties == .schema(try JSONSchema(json: .object(["type": .string("string")]))))
        let id = try #require(schema.properties["id"])
        #expect(id.format == .uuid && id.minLength == 36 && id.maxLength == 36 && id.pattern == "^[0-9a-f-]+$")
        let kind = try #require(schema.properties["kind"])
        #expect(kind.enumValues == [.string("a"), .string("b"), .integer(1), .null] && kind.isTolerant)
        #expect(schema.properties["field"]?.constValue == .string("IndirectReseller"))
        let size = try #require(schema.properties["size"])
        #expect(size.minimum == JSONNumber(1) && size.maximum == JSONNumber(500) && size.types == [.integer])
        let tags = try #require(schema.properties["tags"])
        #expect(tags.items?.reference == "Tag" && tags.minItems == 1 && tags.maxItems == 5)
        #expect(schema.properties["open"]?.additionalProperties == .allowed(false))
    }

    @Test func emptyObjectIsTheSchemaThatAcceptsAnything() throws {
        #expect(try JSONSchema(json: .object([:])) == JSONSchema())
        // Annotations constrain nothing: read, and not part of what validation sees.
        let annotated = try JSONSchema(json: .object(["description": .string("kept"), "deprecated": .bool(true)]))
        #expect(annotated.annotations == Annotations(description: "kept", isDeprecated: true) && annotated.constraints == JSONSchema())
    }

    @Test func typeNullAloneOnlyAllowsNull() throws {
        let schema = try JSONSchema(json: JSONParser.parse(#"{"type":"null"}"#))
        #expect(schema.types == [.null] && schema.allowsNull && !schema.nullable)
    }

    @Test(arguments: brokenSchemas)
    func refusesBrokenSchemaWithPointer(_ sample: BrokenSchema) throws {
        let json = try JSONParser.parse(sample.json)
        #expect(throws: JSONSchemaError(pointer: sample.pointer, message: sample.message)) {
            try JSONSchema(json: json)
        }
    }

    @Test func errorDescriptionNamesThePointer() {
        #expect(
            JSONSchemaError(pointer: "/properties/id/type", message: "unknown type 'strin'").description
                == "invalid schema at /properties/id/type: unknown type 'strin'"
        )
        #expect(JSONSchemaError(pointer: "", message: "m").description == "invalid schema at /: m")
    }

    @Test func deeplyNestedSchemaIsAnError() throws {
        let depth = 300
        let json = try JSONParser.parse(String(repeating: #"{"items":"#, count: depth) + "{}" + String(repeating: "}", count: depth))
        #expect(throws: JSONSchemaError.self) { try JSONSchema(json: json) }
    }

    @Test func registryResolvesNamesAndUnescapesReferences() throws {
        let registry = try SchemaRegistry(json: JSONParser.parse(#"""
            {"Customer": {"type": "object", "properties": {"links": {"$ref": "#/schemas/Links~1V2"}}},
             "Links/V2": {"type": "object"}}
            """#))
        #expect(registry["Customer"]?.properties["links"]?.reference == "Links/V2")
        #expect(registry["Links/V2"]?.types == [.object])
        #expect(registry.schemas.count == 2)
    }

    @Test func registryRefusesUnresolvedReference() throws {
        let json = try JSONParser.parse(#"""
            {"Customer": {"properties": {"links": {"items": {"$ref": "#/schemas/Links"}}}}}
            """#)
        #expect(throws: JSONSchemaError(pointer: "/Customer/properties/links/items/$ref",
                                        message: "unresolved reference '#/schemas/Links'")) {
            try SchemaRegistry(json: json)
        }
    }

    @Test func registryRefusesReferenceCycle() throws {
        let json = try JSONParser.parse(##"{"A": {"$ref": "#/schemas/B"}, "B": {"$ref": "#/schemas/A", "nullable": true}}"##)
        #expect(throws: JSONSchemaError(pointer: "/B/$ref", message: "reference cycle A → B → A")) {
            try SchemaRegistry(json: json)
        }
    }

    @Test func registryAllowsRecursionThroughProperties() throws {
        let json = try JSONParser.parse(##"{"Node": {"properties": {"children": {"items": {"$ref": "#/schemas/Node"}}}}}"##)
        #expect(throws: Never.self) { try SchemaRegistry(json: json) }
    }

    @Test func registryReportsBadSchemaUnderItsName() throws {
        let json = try JSONParser.parse(#"{"Customer": {"properties": {"id": {"typ": "string"}}}}"#)
        #expect(throws: JSONSchemaError(pointer: "/Customer/properties/id/typ", message: "unknown keyword 'typ'")) {
            try SchemaRegistry(json: json)
        }
        #expect(throws: JSONSchemaError(pointer: "", message: "the schema table must be an object, got array")) {
            try SchemaRegistry(json: .array([]))
        }
    }
}
