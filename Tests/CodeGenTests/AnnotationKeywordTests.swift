import APIDescription
@testable import CodeGen
import JSONValues
import SpecKit
import Testing

/// The annotation keywords (``Annotations/Keyword``) are one table: the spec loader, the
/// compiled document and the OpenAPI export take each keyword from it, with no code of their
/// own per keyword. Each case of the table is checked on every subject it applies to, so a
/// keyword added to the table is checked here too.
@Suite struct AnnotationKeywordTests {
    /// A value of `keyword`'s kind, as YAML and as the JSON it reads as.
    private static func sample(_ keyword: Annotations.Keyword) -> (yaml: String, json: JSONValue) {
        switch keyword.kind {
        case .text: ("'A \(keyword.rawValue), said once'", .string("A \(keyword.rawValue), said once"))
        case .flag: ("true", .bool(true))
        }
    }

    /// A spec whose operation, named schema and property (a `$ref`'s use site) carry `keyword`
    /// where it applies.
    private static func spec(with keyword: Annotations.Keyword) throws(SpecError) -> Spec {
        let line = "\(keyword.rawValue): \(sample(keyword).yaml)"
        return try spec(
            operation: keyword.applies(to: .operation) ? [line] : [], thing: keyword.applies(to: .schema) ? [line] : [],
            part: keyword.applies(to: .schema) ? ", \(line)" : ""
        )
    }

    /// A spec of operation `getThing` returning schema `Thing`, whose property `part` is a
    /// `$ref` to `Part`, with more lines in the operation and in `Thing`, and more keys beside
    /// the `$ref`.
    private static func spec(operation: [String], thing: [String], part: String) throws(SpecError) -> Spec {
        try SpecLoader().load(
            text: """
                api: Shop
                servers: { default: https://shop.example.com }
                operations:
                  getThing:
                    method: GET
                    path: /v1/thing
                \(operation.map { "    \($0)\n" }.joined())    responses: { 200: { $ref: '#/schemas/Thing' } }
                schemas:
                  Part: { type: string }
                  Thing:
                \(thing.map { "    \($0)\n" }.joined())    type: object
                    properties:
                      part: { $ref: '#/schemas/Part'\(part) }
                """,
            path: "shop.yaml"
        )
    }

    @Test(arguments: Annotations.Keyword.allCases)
    func eachKeywordTravelsFromTheSpecToTheCompiledDocumentAndTheExport(_ keyword: Annotations.Keyword) throws {
        let spec = try Self.spec(with: keyword)
        let value = Self.sample(keyword).json
        let operation = try #require(spec.operations.first)
        let thing = try #require(spec.schema(named: "Thing")).schema
        #expect(operation.annotations[keyword] == (keyword.applies(to: .operation) ? value : nil))
        #expect(thing.annotations[keyword] == (keyword.applies(to: .schema) ? value : nil))
        #expect(thing.properties["part"]?.annotations[keyword] == (keyword.applies(to: .schema) ? value : nil))

        // The runtime reads an operation's annotations back; a schema's compiled form is its constraints.
        let compiled = try CompiledDocument(json: DocumentTranslator.compiled(spec).json)
        #expect(compiled.operations["getThing"]?.annotations == operation.annotations)
        #expect(compiled.schemas["Thing"]?.annotations == Annotations())

        let export = OpenAPITranslator.document(for: spec)
        #expect(export["paths"]?["/v1/thing"]?["get"]?[keyword.rawValue] == operation.annotations[keyword])
        let exported = export["components"]?["schemas"]?["Thing"]
        #expect(exported?[keyword.rawValue] == thing.annotations[keyword])
        #expect(exported?["properties"]?["part"]?[keyword.rawValue] == thing.annotations[keyword])
    }

    @Test func aKeywordOnTheWrongSubjectOrOfTheWrongKindIsAnErrorAtIt() throws {
        let error = try #require(throws: SpecError.self) {
            try Self.spec(operation: ["title: Not an operation's", "deprecated: yes"], thing: ["summary: Not a schema's"], part: ", description: [1]")
        }
        #expect(
            error.diagnostics.map(\.description) == [
                "shop.yaml:7:5: error: unknown keyword 'title'",
                "shop.yaml:8:17: error: 'deprecated' must be true or false, found 'yes'",
                "shop.yaml:13:5: error: unknown keyword 'summary'",
                "shop.yaml:16:52: error: 'description' must be a string, found a sequence",
            ]
        )
    }

    @Test func theCompiledSchemaReaderRefusesAnOperationsKeywordAndAValueOfTheWrongKind() {
        let cases: [(JSONValue, String)] = [
            (.object(["summary": .string("x")]), "invalid schema at /summary: unknown keyword 'summary'"),
            (.object(["deprecated": .string("yes")]), "invalid schema at /deprecated: 'deprecated' must be a boolean"),
            (.object(["title": .integer(1)]), "invalid schema at /title: 'title' must be a string"),
        ]
        for (json, message) in cases {
            let error = #expect(throws: JSONSchemaError.self) { try JSONSchema(json: json) }
            #expect(error?.description == message)
        }
    }

    @Test func flagsAreTheSetFlagKeywordsByName() {
        #expect(Annotations(summary: "s", description: "d").flags == [])
        #expect(Annotations(isDeprecated: true).flags == ["deprecated"])
    }
}
