import Foundation
import Testing
@testable import SpecKit

/// `deprecated: true` on operations and schemas.
@Suite("Deprecation")
struct DeprecationTests {
    private static let spec = """
        api: Shop
        servers: { default: https://shop.example.com }
        operations:
          listOrders:
            method: GET
            path: /v1/orders
            deprecated: true
            responses: { 200: { $ref: '#/schemas/Order' } }
          getOrder:
            method: GET
            path: /v1/order
            deprecated: false
            responses: { 200: { $ref: '#/schemas/Order' } }
        schemas:
          Order:
            type: object
            properties:
              id: { type: string }
              code: { type: string, deprecated: true }
              old: { $ref: '#/schemas/OldAddress', deprecated: true, description: Use 'address'. }
              address: { $ref: '#/schemas/OldAddress' }
          OldAddress:
            type: object
            deprecated: true
            properties: { street: { type: string } }
        """

    @Test func operationsAndSchemasSayWhetherTheyAreDeprecated() throws {
        let spec = try SpecLoader().load(text: Self.spec, path: "shop.yaml")
        #expect(spec.operations.map { "\($0.id) \($0.annotations.isDeprecated)" } == ["getOrder false", "listOrders true"])
        let order = try #require(spec.schema(named: "Order")).schema
        #expect(!order.annotations.isDeprecated)
        #expect(order.properties.map(\.schema.annotations.isDeprecated) == [false, true, true, false])
        #expect(order.properties[2].schema.reference == "OldAddress")
        #expect(try #require(spec.schema(named: "OldAddress")).schema.annotations.isDeprecated)
    }

    @Test func anOperationUsingADeprecatedSchemaIsAWarningNotAnError() throws {
        let spec = try SpecLoader().load(text: Self.spec, path: "shop.yaml")
        // `getOrder` reaches `OldAddress` through `address`; through `old` (deprecated itself)
        // it would not. `listOrders` is deprecated: nothing to warn about.
        #expect(spec.warnings.map(\.description) == ["shop.yaml:10:5: warning: operation 'getOrder' uses deprecated schema 'OldAddress'"])
        #expect(spec.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func deprecatedSchemasAreFoundThroughBodiesParametersHeadersAndEveryKindOfNesting() throws {
        let spec = try SpecLoader().load(text: """
            api: Shop
            servers: { default: https://shop.example.com }
            operations:
              search:
                method: GET
                path: /v1/search
                parameters:
                  query:
                    filter: { encoding: json, schema: { type: object, properties: { tags: { type: array, items: { $ref: '#/schemas/Tag' } } } } }
                responses:
                  200:
                    description: Found.
                    headers: { X-Next: { schema: { $ref: '#/schemas/Cursor' } } }
              create:
                method: POST
                path: /v1/things
                body: { schema: { type: object, additionalProperties: { $ref: '#/schemas/Wrapper' } } }
                responses: { 201: { $ref: '#/schemas/Composite' } }
              clean:
                method: GET
                path: /v1/clean
                responses: { 200: { $ref: '#/schemas/Fresh' } }
            schemas:
              Tag: { type: string, deprecated: true }
              Cursor: { type: string, deprecated: true }
              Wrapper: { type: object, properties: { inner: { $ref: '#/schemas/Tag' } } }
              Composite:
                allOf: [{ $ref: '#/schemas/Base' }]
                oneOf: [{ $ref: '#/schemas/Fresh' }, { $ref: '#/schemas/Old' }]
              Base: { type: object, deprecated: true, properties: { old: { $ref: '#/schemas/Old' } } }
              Old: { type: object, deprecated: true }
              Fresh: { type: object, properties: { self: { $ref: '#/schemas/Fresh' } } }
            """, path: "shop.yaml")
        #expect(spec.warnings.map(\.message) == [
            "operation 'search' uses deprecated schema 'Cursor'",
            "operation 'search' uses deprecated schema 'Tag'",
            "operation 'create' uses deprecated schema 'Base'",
            "operation 'create' uses deprecated schema 'Old'",
            "operation 'create' uses deprecated schema 'Tag'",
        ])
    }

    @Test func theRealSpecHasNoWarnings() throws {
        let directory = try #require(Fixtures.specDirectory())
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        #expect(try SpecLoader().load(paths: files.map { directory.appendingPathComponent($0).path }).warnings.isEmpty)
    }
}
