import CodeGen
import Foundation
import SpecKit
import Testing
import TestSupport

/// The OpenAPI 3.1 export passes a real validator and says what the spec says.
@Suite struct OpenAPIExportTests {
    static let specs = [
        "spec/partner-center.yaml", "Tests/CodeGenTests/Fixtures/minimal.yaml", "Tests/Fixtures/HostileNames/hostile.yaml",
        "Tests/Fixtures/WriteShapes/writes.yaml",
    ]

    private func export(_ path: String) throws -> (spec: Spec, text: String) {
        let spec = try SpecLoader().load(paths: [SourceTree.url(path).path])
        return (spec, OpenAPITranslator.document(for: spec).prettyJSON())
    }

    /// Runs `python3 -m openapi_spec_validator` (installed by .ci/run) on `text`.
    private func validate(_ text: String) async throws -> SubprocessResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await Subprocess.run(command: "python3", ["-m", "openapi_spec_validator", file.path], timeLimit: 60)
    }

    @Test(arguments: specs)
    func exportPassesTheOpenAPIValidator(_ path: String) async throws {
        let result = try await validate(try export(path).text)
        #expect(result.status == 0, "openapi-spec-validator (pip install openapi-spec-validator) said: \(result)")
        #expect(result.stdout.contains("OK"))
    }

    @Test(arguments: specs)
    func exportRoundTripsOperationsAndSchemas(_ path: String) throws {
        let (spec, text) = try export(path)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        var exported: [String: (method: String, path: String)] = [:]
        for (path, methods) in paths {
            for (method, operation) in methods {
                if let id = operation["operationId"] as? String { exported[id] = (method.uppercased(), path) }
            }
        }
        #expect(exported.keys.sorted() == spec.operations.map(\.id))
        for operation in spec.operations {
            #expect(exported[operation.id]?.method == operation.method.rawValue)
            #expect(exported[operation.id]?.path == operation.path)
        }
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        #expect(schemas.keys.sorted() == spec.schemas.map(\.name))
    }

    /// Every file of `spec/`, loaded together as the plugin does.
    private func exportWholeSpec() throws -> (spec: Spec, text: String) {
        let directory = SourceTree.url("spec")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        let spec = try SpecLoader().load(paths: files.map { directory.appendingPathComponent($0).path })
        return (spec, OpenAPITranslator.document(for: spec).prettyJSON())
    }

    @Test func theWholeSpecExportsOneOperationPerMethodAndPathAndPassesTheValidator() async throws {
        let (spec, text) = try exportWholeSpec()
        let result = try await validate(text)
        #expect(result.status == 0, "\(result)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        // A path item holds its operations by method, and another API's its `servers` too.
        let paths = try #require(document["paths"] as? [String: [String: Any]]).mapValues { $0.compactMapValues { $0 as? [String: Any] } }
        var exported: [String] = []
        for methods in paths.values {
            for operation in methods.values where operation["operationId"] != nil {
                exported += [operation["operationId"] as? String].compactMap { $0 }
                exported += (operation["x-same-request-operations"] as? [[String: Any]] ?? []).compactMap { $0["operationId"] as? String }
            }
        }
        #expect(exported.sorted() == spec.operations.map(\.id), "every operation once, those sharing a method and path beside the first")
        #expect((paths["/v1/customers"]?["get"]?["x-same-request-operations"] as? [[String: Any]])?.compactMap { $0["operationId"] as? String } == ["listCustomers"])
    }

    @Test func writeShapesExportHasBodiesStatusesHeadersBinaryAndTheDiscriminator() throws {
        let (_, text) = try export("Tests/Fixtures/WriteShapes/writes.yaml")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let create = try #require(paths["/v1/customers"]?["post"])
        let body = try #require(create["requestBody"] as? [String: Any])
        #expect(body["required"] as? Bool == true)
        #expect(((body["content"] as? [String: Any])?["application/json"] as? [String: Any]) != nil)
        #expect(create["x-idempotent"] as? Bool == true)
        let update = try #require(paths["/v1/customers/{customer-id}/subscriptions/{subscription-id}"]?["patch"]?["responses"] as? [String: [String: Any]])
        #expect(update["202"]?["content"] == nil)
        #expect((update["202"]?["headers"] as? [String: Any])?.keys.sorted() == ["Location", "Retry-After"])
        let delete = try #require(paths["/v1/customers/{customer-id}/users/{user-id}"]?["delete"]?["responses"] as? [String: [String: Any]])
        #expect(delete["204"]?["content"] == nil)
        let statement = try #require(paths["/v1/invoices/{invoice-id}/documents/statement"]?["get"]?["responses"] as? [String: [String: Any]])
        let pdf = (statement["200"]?["content"] as? [String: [String: [String: String]]])?["application/pdf"]?["schema"]
        #expect(pdf == ["contentMediaType": "application/pdf"])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        // A dotted discriminator is ours (`x-discriminator`); OpenAPI's names one property.
        #expect(schemas["InvoiceLineItem"]?["discriminator"] == nil)
        let discriminator = try #require(schemas["InvoiceLineItem"]?["x-discriminator"] as? [String: Any])
        #expect(discriminator["propertyPath"] as? [String] == ["attributes", "objectType"])
        #expect((discriminator["mapping"] as? [String: String])?["DailyRatedUsageLineItem"] == "#/components/schemas/UsageBasedLineItem")
        // Integers carry their width where their bounds give one (no made-up int64 bound elsewhere).
        let lineItems = try #require(paths["/v1/invoices/{invoice-id}/lineitems"]?["get"]?["parameters"] as? [[String: Any]])
        let width = { (name: String) in (lineItems.first { $0["name"] as? String == name }?["schema"] as? [String: Any])?["format"] as? String }
        #expect(width("size") == "int32")
        #expect(width("offset") == nil)
        // One branch per kind (two schemas here), pinned, and one for any other kind.
        #expect((schemas["InvoiceLineItem"]?["oneOf"] as? [Any])?.count == 3)
        #expect((schemas["LicenseBasedLineItem"]?["allOf"] as? [Any])?.count == 2)
    }

    @Test func deprecatedOperationsAndSchemasSaySo() throws {
        let text = try export("Tests/Fixtures/HostileNames/hostile.yaml").text
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        #expect(paths["/v1/things/{in}"]?["get"]?["deprecated"] as? Bool == true)
        #expect(paths["/v1/available"]?["get"]?["deprecated"] as? Bool == true)
        #expect(paths["/v1/self"]?["get"]?["deprecated"] == nil)
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
        let properties = try #require(schemas["Type"]?["properties"] as? [String: [String: Any]])
        #expect(properties["self"]?["deprecated"] as? Bool == true)
        // Beside `$ref`, for this use of the named schema.
        #expect(properties["class"]?["$ref"] as? String == "#/components/schemas/Protocol")
        #expect(properties["class"]?["deprecated"] as? Bool == true)
        #expect(properties["kind"]?["deprecated"] == nil)
        #expect(schemas["Protocol"]?["deprecated"] == nil)
    }

    /// Graph's operations in the one document: its server on their paths, its bearer scheme
    /// and shared header, and the job they start.
    @Test func anotherAPIsPathsCarryItsServersSchemeAndHeaders() throws {
        let text = try exportWholeSpec().text
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let servers = try #require(document["servers"] as? [[String: String]])
        #expect(servers.first?["url"] == "https://api.partnercenter.microsoft.com", "the main API's servers are the document's")
        let path = try #require((document["paths"] as? [String: Any])?["/v1.0/reports/partners/billing/reconciliation/billed/export"] as? [String: Any])
        #expect((path["servers"] as? [[String: String]])?.map { $0["url"] } == ["https://graph.microsoft.com"])
        let operation = try #require(path["post"] as? [String: Any])
        #expect((operation["security"] as? [[String: [String]]]) == [["GraphBearer": []]])
        #expect((operation["parameters"] as? [[String: String]]) == [["$ref": "#/components/parameters/Graph.client-request-id"]])
        let job = try #require(operation["x-job"] as? [String: Any])
        #expect(job["poll"] as? String == "getBillingOperation")
        #expect(job["succeeded"] as? [String] == ["succeeded", "completed"])
        let components = try #require(document["components"] as? [String: Any])
        let header = try #require((components["parameters"] as? [String: [String: Any]])?["Graph.client-request-id"])
        #expect(header["required"] as? Bool == false, "Graph takes a request without it")
        #expect((components["parameters"] as? [String: [String: Any]])?["MS-RequestId"]?["required"] as? Bool == true)
        let graphScheme = (components["securitySchemes"] as? [String: [String: String]])?["GraphBearer"]
        #expect(graphScheme?["description"] == "A token of scopes https://graph.microsoft.com/.default.")
        // A Partner Center path has no servers of its own.
        #expect(((document["paths"] as? [String: Any])?["/v1/customers"] as? [String: Any])?["servers"] == nil)
    }

    @Test func partnerCenterExportKeepsEncodingPagingAuthAndTolerance() throws {
        let text = try export("spec/partner-center.yaml").text
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let operation = try #require(((document["paths"] as? [String: Any])?["/v1/customers"] as? [String: Any])?["get"] as? [String: Any])
        let parameters = try #require(operation["parameters"] as? [[String: Any]])
        let filter = try #require(parameters.first { $0["name"] as? String == "filter" })
        #expect((filter["content"] as? [String: Any])?["application/json"] != nil)
        #expect(parameters.contains { $0["$ref"] as? String == "#/components/parameters/MS-RequestId" })
        #expect((operation["x-paging"] as? [String: String]) == ["items": "items", "next": "links.next"])
        let components = try #require(document["components"] as? [String: Any])
        let scheme = (components["securitySchemes"] as? [String: [String: String]])?["bearer"]
        #expect(scheme == ["type": "http", "scheme": "bearer", "description": "A token of scopes https://api.partnercenter.microsoft.com/.default."])
        let relationship = try #require((components["schemas"] as? [String: Any])?["RelationshipToPartner"] as? [String: Any])
        #expect((relationship["anyOf"] as? [Any])?.count == 2)
    }

    /// A standard JSON Schema validator (python's jsonschema, installed by .ci/run) reads a
    /// discriminated `oneOf` as the runtime does: each kind matches its own branch only, a kind
    /// the spec does not list is kept, and a value without the discriminator is refused.
    @Test func aDiscriminatedOneOfIsExclusiveForAStandardValidator() async throws {
        let text = try exportWholeSpec().text
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import json, sys, jsonschema
            document = json.load(open(sys.argv[1]))
            schemas = document["components"]["schemas"]
            def check(item):
                schema = {"$ref": "#/components/schemas/InvoiceLineItem", "components": document["components"]}
                validator = jsonschema.Draft202012Validator(schema)
                return "valid" if validator.is_valid(item) else "invalid"
            items = [
                {"invoiceNumber": "G1", "orderId": "o", "unitPrice": 5.5, "attributes": {"objectType": "LicenseBasedLineItem"}},
                {"invoiceNumber": "G1", "unitPrice": "25", "attributes": {"objectType": "OneTimeInvoiceLineItem"}},
                {"invoiceNumber": "G1", "attributes": {"objectType": "DailyRatedUsageLineItem"}},
                {"invoiceNumber": "G1", "anything": True, "attributes": {"objectType": "SomeFutureLineItem"}},
                {"invoiceNumber": "G1", "attributes": {}},
                {"invoiceNumber": "G1", "unitPrice": "25 EUR", "attributes": {"objectType": "OneTimeInvoiceLineItem"}},
            ]
            print(" ".join(check(item) for item in items))
            """
        let result = try await Subprocess.run(command: "python3", ["-c", script, file.path], timeLimit: 60)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "valid valid valid valid invalid invalid", "\(result)")
    }
}
