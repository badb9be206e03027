import Foundation
import Testing
import TestSupport

/// What a user's package that depends on this one can do, in one throwaway package (one
/// `swift build` with its own scratch folder, then an incremental one; a minute or two):
///
/// - README's "Your own spec in your own package": a target `ShopAPI` with a spec of its own
///   (reusing our shared schemas by copying `spec/common.yaml` and `spec/errors.yaml` beside
///   it) and the plugin applied, and an executable `shop` that calls the generated client.
/// - Adding an endpoint means editing the spec and nothing else: the target `Shop` gains a
///   new client method from a spec edit alone.
@Suite(.enabled(if: ThrowawayPackage.enabled, "PACKAGE_BUILD_TESTS=0")) struct UserPackageTests {
    /// The start of both targets' specs: the API and `getOrder`, up to its 200 response.
    private static func specStart(auth: String) -> String {
        """
        api: Shop
        servers:
          default: https://shop.example.com
        auth: \(auth)
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

        """
    }

    private static let ownSpec = specStart(auth: "bearer") + """
              default: { $ref: 'errors.yaml#/schemas/PartnerCenterError' }
          listOrders:
            summary: List orders
            method: GET
            path: /v2/orders
            responses:
              200: { $ref: '#/schemas/OrderList' }
              default: { $ref: 'errors.yaml#/schemas/PartnerCenterError' }
            paging: { items: items, next: links.next }

        """ + orderSchema + """
              links: { $ref: 'common.yaml#/schemas/Links' }
          OrderList:
            type: object
            required: [items]
            properties:
              items: { type: array, items: { $ref: '#/schemas/Order' } }
              links: { $ref: 'common.yaml#/schemas/Links' }

        """

    private static let baseSpec = specStart(auth: "none") + orderSchema

    /// The specs' `schemas`, up to `Order`'s `id`.
    private static let orderSchema = """
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

    @Test func ownSpecTargetBuildsItsClientIsUsableAndASpecEditAloneAddsAnEndpoint() async throws {
        let package = try ThrowawayPackage(name: "user-package")
        defer { package.remove() }
        try package.writeManifest(name: "ShopTools", specTargets: ["ShopAPI", "Shop"], executable: (name: "shop", uses: "ShopAPI"))

        try package.write(Self.ownSpec, to: "Sources/ShopAPI/shop.yaml")
        for shared in ["common.yaml", "errors.yaml"] {
            let text = try String(contentsOf: ThrowawayPackage.dependencyRoot.appendingPathComponent("spec/\(shared)"), encoding: .utf8)
            try package.write(text, to: "Sources/ShopAPI/\(shared)")
        }
        try package.write("@_exported import APIRuntime\n", to: "Sources/ShopAPI/ShopAPI.swift")
        try package.write("""
            import ShopAPI

            let client = ShopClient(tokenProvider: StaticTokenProvider("unused"))
            // Type-checked, never run: nothing is sent.
            let fetch: @Sendable () async throws -> Order = { try await client.getOrder(orderID: "d2b1f8c4-3f0e-4f5e-9b7a-2c1d0e9f8a7b") }
            _ = fetch
            let operations = try ShopClient.document.get().operations.keys.sorted()
            print("\\(operations.count) operations: \\(operations.joined(separator: ", "))")
            """, to: "Sources/shop/main.swift")

        try package.write(Self.baseSpec, to: "Sources/Shop/shop.yaml")
        try package.write("""
            import APIRuntime
            func useOrder(_ client: ShopClient) async throws -> Order { try await client.getOrder(orderID: "x") }
            """, to: "Sources/Shop/UseOrder.swift")

        let first = try await package.build()
        try #require(first.status == 0, "the user's package must build:\n\(first)")
        // With `traits: []`, as README says, the command line tool's dependency is not in the graph.
        let checkouts = package.scratchPath.appendingPathComponent("checkouts/swift-argument-parser").path
        #expect(!FileManager.default.fileExists(atPath: checkouts), "swift-argument-parser was fetched for a library user")
        let run = try await Subprocess.run(package.executable(named: "shop"), [], timeLimit: 60)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "2 operations: getOrder, listOrders\n", "\(run)")

        // The edit: Shop's spec gains an operation and a schema; the user's new code calls them.
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
