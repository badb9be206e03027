import Foundation
import Testing
import TestSupport

/// Adding an endpoint means editing the spec and nothing else: a throwaway package that uses
/// this package's build-tool plugin gains a new client method from a spec edit alone.
///
/// It builds a real package (with its own scratch folder), so it takes a minute or two.
@Suite(.serialized) struct SpecOnlyEndpointTests {
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
        let package = FileManager.default.temporaryDirectory.appendingPathComponent("spec-only-\(UUID().uuidString)")
        let sources = package.appendingPathComponent("Sources/Shop")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: package) }
        let root = SourceTree.root.standardizedFileURL
        let identity = root.lastPathComponent.lowercased()
        try write("""
            // swift-tools-version: 6.1
            import PackageDescription
            let package = Package(
                name: "Shop",
                platforms: [.macOS(.v13)],
                dependencies: [.package(path: \(literal(root.path)))],
                targets: [
                    .target(
                        name: "Shop",
                        dependencies: [.product(name: "APIRuntime", package: \(literal(identity)))],
                        plugins: [.plugin(name: "SpecCodegenPlugin", package: \(literal(identity)))]
                    ),
                ],
                swiftLanguageModes: [.v6]
            )
            """, to: package.appendingPathComponent("Package.swift"))
        let spec = sources.appendingPathComponent("shop.yaml")
        try write(Self.baseSpec, to: spec)
        try write("""
            import APIRuntime
            func useOrder(_ client: ShopClient) async throws -> Order { try await client.getOrder(orderID: "x") }
            """, to: sources.appendingPathComponent("UseOrder.swift"))
        let first = try await build(package)
        #expect(first.status == 0, "the package before the edit must build:\n\(first)")

        // The edit: the spec gains an operation and a schema; the user's new code calls them.
        let edited = Self.baseSpec
            .replacingOccurrences(of: "schemas:\n", with: Self.newEndpoint + "schemas:\n")
            + Self.newSchema
        try write(edited, to: spec)
        try write("""
            import APIRuntime
            func useOrders(_ client: ShopClient) async throws -> [Order] {
                var orders: [Order] = []
                for try await order in client.listOrdersPages(size: 10).items { orders.append(order) }
                return orders
            }
            """, to: sources.appendingPathComponent("UseOrders.swift"))
        let second = try await build(package)
        #expect(second.status == 0, "the spec edit alone must make listOrders available:\n\(second)")
    }

    private func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    private func literal(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func build(_ package: URL) async throws -> SubprocessResult {
        let scratch = package.appendingPathComponent(".build").path
        // At the lowest priority, so the build does not starve tests that measure time in this run.
        return try await Subprocess.run(
            command: "nice", ["-n", "19", "swift", "build", "--package-path", package.path, "--scratch-path", scratch], timeLimit: 900
        )
    }
}
