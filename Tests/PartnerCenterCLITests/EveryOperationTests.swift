import APIRuntime
import Foundation
import PartnerCenter
import PartnerCenterStub
import Testing
import TestSupport

/// Every operation of `spec/` through `call` against the stub, with parameters and a body made
/// from their schemas (a sample customer and invoice where the stub has data of its own): the
/// stub answers each, and the CLI accepts and prints the answer.
@Suite("call: every operation")
struct EveryOperationTests {
    /// The compiled spec (it loads, or no test here can run).
    static let contents = try! PartnerCenterClient.document.get()

    static let operationIDs = contents.operations.keys.sorted()

    /// How many cases hold a stub at once. Every case holds one (its server's descriptors)
    /// while it launches the CLI, and launches wait while the process holds many descriptors
    /// (`LaunchGuard`): with every case of a large spec at once, they would wait for each other.
    static let stubs = Slots(count: 8)

    /// A parameter's value as `--param` text: strings as they are, anything else as JSON.
    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(from: value)
    }

    @Test(arguments: operationIDs)
    func theStubAnswersAndTheCLIPrints(_ operationID: String) async throws {
        try await Self.stubs.withSlot { try await Self.check(operationID) }
    }

    private static func check(_ operationID: String) async throws {
        let stub = try StubFixture(StubConfiguration(customerCount: 12, acceptedToken: testToken))
        let operation = try #require(Self.contents.operations[operationID])
        var examples = SchemaExample(registry: Self.contents.schemas, seed: operationID)
        // The stub's own data, where it has routes that look values up.
        let known = ["customer-tenant-id": stub.stub.data.entries[0].customer.id, "invoice-id": stub.stub.data.invoiceIDs[0]]
        var arguments = ["call", operationID]
        for parameter in operation.parameters where parameter.schema.constValue == nil {
            let value = try known[parameter.name].map { JSONValue.string($0) } ?? examples.value(for: parameter.schema, hint: parameter.name)
            arguments += ["--param", "\(parameter.name)=\(Self.text(value))"]
        }
        if let body = operation.body {
            arguments += ["--body", JSONWriter.string(from: try examples.value(for: body.schema, hint: "body"))]
        }
        let downloads = operation.successResponses.contains { $0.binaryMediaType != nil }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("every-operation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        if downloads { arguments += ["--output", file.path] }
        let result = try await CLI.run(arguments + ["--max-pages", "1"].filter { _ in operation.paging != nil }, environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        if downloads {
            #expect(FileManager.default.fileExists(atPath: file.path))
        } else if !operation.successResponses.contains(where: \.hasNoBody) {
            #expect(!result.stdout.isEmpty)
        }
    }
}
