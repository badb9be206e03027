import Foundation
import Testing
import TestSupport

/// The README's "Your own spec in your own package": a user's package depends on this one,
/// has a target of its own with a spec of its own (reusing our shared schemas by copying
/// `spec/common.yaml` and `spec/errors.yaml` beside it) and the plugin applied, and an
/// executable that calls the generated client.
///
/// It builds a real package (one `swift build`, with its own scratch folder): about a minute.
@Suite(.serialized, .enabled(if: ThrowawayPackage.enabled, "PACKAGE_BUILD_TESTS=0")) struct OwnSpecPackageTests {
    private static let spec = """
        api: Shop
        servers:
          default: https://shop.example.com
        auth: bearer
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
              default: { $ref: 'errors.yaml#/schemas/PartnerCenterError' }
          listOrders:
            summary: List orders
            method: GET
            path: /v2/orders
            responses:
              200: { $ref: '#/schemas/OrderList' }
              default: { $ref: 'errors.yaml#/schemas/PartnerCenterError' }
            paging: { items: items, next: links.next }
        schemas:
          Order:
            type: object
            required: [id]
            properties:
              id: { type: string }
              links: { $ref: 'common.yaml#/schemas/Links' }
          OrderList:
            type: object
            required: [items]
            properties:
              items: { type: array, items: { $ref: '#/schemas/Order' } }
              links: { $ref: 'common.yaml#/schemas/Links' }

        """

    @Test func aUsersOwnSpecTargetBuildsAndItsClientIsUsable() async throws {
        let package = try ThrowawayPackage(name: "own-spec")
        defer { package.remove() }
        try package.writeManifest(name: "ShopTools", specTarget: "ShopAPI", executable: "shop")
        try package.write(Self.spec, to: "Sources/ShopAPI/shop.yaml")
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

        let build = try await package.build()
        try #require(build.status == 0, "the user's package must build:\n\(build)")
        let run = try await Subprocess.run(package.executable(named: "shop"), [], timeLimit: 60)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == "2 operations: getOrder, listOrders\n", "\(run)")
    }
}
