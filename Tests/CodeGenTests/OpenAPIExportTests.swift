import CodeGen
import Foundation
import SpecKit
import Testing
import TestSupport

/// The OpenAPI 3.1 export passes a real validator and says what the spec says.
@Suite struct OpenAPIExportTests {
    static let specs = ["spec/partner-center.yaml", "Tests/CodeGenTests/Fixtures/minimal.yaml", "Tests/Fixtures/HostileNames/hostile.yaml"]

    private func export(_ path: String) throws -> (spec: Spec, text: String) {
        let spec = try SpecLoader().load(paths: [SourceTree.url(path).path])
        return (spec, OpenAPITranslator.document(for: spec).prettyJSONLines.joined(separator: "\n") + "\n")
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
        #expect(scheme == ["type": "http", "scheme": "bearer"])
        let relationship = try #require((components["schemas"] as? [String: Any])?["RelationshipToPartner"] as? [String: Any])
        #expect((relationship["anyOf"] as? [Any])?.count == 2)
    }
}
