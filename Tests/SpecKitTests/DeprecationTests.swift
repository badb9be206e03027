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
        #expect(spec.operations.map { "\($0.id) \($0.isDeprecated)" } == ["getOrder false", "listOrders true"])
        let order = try #require(spec.schema(named: "Order")).schema
        #expect(!order.isDeprecated)
        #expect(order.properties.map(\.schema.isDeprecated) == [false, true, true, false])
        #expect(order.properties[2].schema.reference == "OldAddress")
        #expect(try #require(spec.schema(named: "OldAddress")).schema.isDeprecated)
    }
}
