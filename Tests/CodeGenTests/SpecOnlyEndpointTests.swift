import Foundation
import Testing
import TestSupport

/// Adding an endpoint means editing the spec and nothing else: a throwaway package that uses
/// this package's build-tool plugin gains a new client method from a spec edit alone.
///
/// It builds a real package (with its own scratch folder), so it takes a minute or two.
@Suite(.serialized, .enabled(if: ThrowawayPackage.enabled, "PACKAGE_BUILD_TESTS=0")) struct SpecOnlyEndpointTests {
    private static let baseSpec = """
        api: Shop
        servers:
          default: https://shop.example.com
        auth: none
        operations:
          getOrder:
            summary: Get one order
            method: GET
            path: /v2/orders/{order-id}
            parameters:
              path:
                order-id: { argument: orderID, schema: { type: string, format: uuid } }
            responses:
              200: { $ref: '#/schemas/Order' }
        schemas:
          Order:
            type: object
            required: [id]
            properties:
              id: { type: string }

        """

    private static let newEndpoint = """
          listOrders:
            summary: List orders
            method: GET
            path: /v2/orders
            parameters:
              query:
                size: { schema: { type: integer, minimum: 1, maximum: 100 } }
            responses:
              200: { $ref: '#/schemas/OrderList' }
            paging: { items: items, next: next }

        """

    private static let newSchema = """
          OrderList:
            type: object
            required: [items]
            properties:
              items: { type: array, items: { $ref: '#/schemas/Order' } }
              next: { type: object, properties: { uri: { type: string } } }

        """

    @Test func newEndpointNeedsOnlyASpecEdit() async throws {
        let package = try ThrowawayPackage(name: "spec-only")
        defer { package.remove() }
        try package.writeManifest(name: "Shop", specTarget: "Shop")
        try package.write(Self.baseSpec, to: "Sources/Shop/shop.yaml")
        try package.write("""
            import APIRuntime
            func useOrder(_ client: ShopClient) async throws -> Order { try await client.getOrder(orderID: "x") }
            """, to: "Sources/Shop/UseOrder.swift")
        let first = try await package.build()
        #expect(first.status == 0, "the package before the edit must build:\n\(first)")

        // The edit: the spec gains an operation and a schema; the user's new code calls them.
        let edited = Self.baseSpec
            .replacingOccurrences(of: "schemas:\n", with: Self.newEndpoint + "schemas:\n")
            + Self.newSchema
        try package.write(edited, to: "Sources/Shop/shop.yaml")
        try package.write("""
            import APIRuntime
            func useOrders(_ client: ShopClient) async throws -> [Order] {
                var orders: [Order] = []
                for try await order in client.listOrdersPages(size: 10).items { orders.append(order) }
                return orders
            }
            """, to: "Sources/Shop/UseOrders.swift")
        let second = try await package.build()
        #expect(second.status == 0, "the spec edit alone must make listOrders available:\n\(second)")
    }
}
