import Foundation
import Testing
@testable import SpecKit

/// `apis:` and `belongsTo:` (several APIs in one spec), and `job:` (asynchronous request-reply).
@Suite("Several APIs and jobs")
struct SeveralAPIsTests {
    /// A main file with another API, and a file of that API's operations, in a folder of their own.
    private static func load() throws -> Spec {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("several-apis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            api: Shop
            servers: { default: https://shop.example.com }
            scopes: [https://shop.example.com/.default]
            headers:
              X-Request: { generate: uuid, per: call }
            apis:
              Reports:
                servers: { default: https://reports.example.com, test: https://reports.test.example.com }
                scopes: [https://reports.example.com/.default]
                headers:
                  client-request-id: { generate: uuid, per: call }
                error: { $ref: 'reports.yaml#/schemas/ReportError' }
            operations:
              listOrders:
                method: GET
                path: /v1/orders
                responses: { 200: { $ref: '#/schemas/Order' } }
            schemas:
              Order: { type: object, properties: { id: { type: string } } }
            """.write(to: folder.appendingPathComponent("shop.yaml"), atomically: true, encoding: .utf8)
        try """
            belongsTo: Reports
            operations:
              exportOrders:
                method: POST
                path: /v1.0/exports
                responses: { 202: { description: Accepted. } }
                job:
                  poll: getExport
                  status: status
                  succeeded: [succeeded, completed]
                  failed: [failed]
                  error: error
                  result:
                    operation: getManifest
                    members: ['manifest@odata.navigationLink', manifest]
                    files: { directory: root, token: sas, list: files, name: name, record: { $ref: '#/schemas/Line' } }
              getExport:
                method: GET
                path: /v1.0/exports/{id}
                parameters: { path: { id: { schema: { type: string } } } }
                responses: { 200: { $ref: '#/schemas/Export' } }
              getManifest:
                method: GET
                path: /v1.0/manifests/{id}
                parameters: { path: { id: { schema: { type: string } } } }
                responses: { 200: { $ref: '#/schemas/Manifest' } }
              countOrders:
                belongsTo: Shop
                method: GET
                path: /v1/orders/count
                responses: { 200: { $ref: '#/schemas/Line' } }
            schemas:
              ReportError: { type: object, properties: { error: { type: object } } }
              Export: { type: object, properties: { status: { type: string }, error: { type: object } } }
              Manifest:
                type: object
                properties:
                  root: { type: string }
                  sas: { type: string }
                  files: { type: array, items: { type: object, properties: { name: { type: string } } } }
              Line: { type: object }
            """.write(to: folder.appendingPathComponent("reports.yaml"), atomically: true, encoding: .utf8)
        return try SpecLoader().load(paths: [folder.appendingPathComponent("reports.yaml").path, folder.appendingPathComponent("shop.yaml").path])
    }

    @Test func anotherAPIHasItsOwnServersScopesAndHeaders() throws {
        let spec = try Self.load()
        #expect(spec.api == "Shop")
        #expect(spec.mainAPI.scopes == ["https://shop.example.com/.default"])
        let reports = try #require(spec.otherAPIs.first)
        #expect(spec.otherAPIs.map(\.name) == ["Reports"])
        #expect(reports.serversByName.map(\.name) == ["default", "test"])
        #expect(reports.scopes == ["https://reports.example.com/.default"])
        #expect(reports.headers.map(\.name) == ["client-request-id"])
        #expect(reports.errorSchema == "ReportError")
        #expect(spec.apis.map(\.name) == ["Shop", "Reports"])
    }

    @Test func aFileOrAnOperationPlacesOperationsInAnAPI() throws {
        let spec = try Self.load()
        let placed = Dictionary(uniqueKeysWithValues: spec.operations.map { ($0.id, $0.apiName ?? "main") })
        #expect(placed == ["countOrders": "main", "exportOrders": "Reports", "getExport": "Reports", "getManifest": "Reports", "listOrders": "main"])
        // The API's error schema is the `default` response of its operations that declare none.
        let export = try #require(spec.operations.first { $0.id == "getExport" })
        #expect(export.responses.last?.status == .default)
        #expect(export.responses.last?.schemaName == "ReportError")
        #expect(spec.operations.first { $0.id == "listOrders" }?.responses.count == 1)
    }

    @Test func aJobSaysHowToWaitAndWhereItsResultIs() throws {
        let spec = try Self.load()
        let job = try #require(spec.operations.first { $0.id == "exportOrders" }?.job)
        #expect(job.poll == "getExport")
        #expect(job.status == "status")
        #expect(job.succeeded == ["succeeded", "completed"])
        #expect(job.failed == ["failed"])
        #expect(job.error == "error")
        #expect(job.result?.operation == "getManifest")
        #expect(job.result?.members == ["manifest@odata.navigationLink", "manifest"])
        #expect(job.result?.files == ResultFiles(directory: "root", token: "sas", list: "files", name: "name", record: "Line"))
    }
}
