import CodeGen
import Foundation
import SpecKit
import Testing

/// Editing the spec changes the generated API, with no hand-written code involved.
@Suite struct SpecEditTests {
    private func generate(_ text: String) throws -> [String: String] {
        let path = SourceTree.url("spec/partner-center.yaml").path
        let spec = try SpecLoader().load(text: text, path: path)
        return Generator.generate(spec).byName
    }

    private var original: String {
        get throws { try String(contentsOf: SourceTree.url("spec/partner-center.yaml"), encoding: .utf8) }
    }

    @Test func addingAnOperationAddsAClientMethod() throws {
        let edited = try original.replacingOccurrences(of: "\nschemas:\n", with: """

              getCustomerSubscriptions:
                summary: Get a customer's subscriptions
                method: GET
                path: /v1/customers/{customer-tenant-id}/subscriptions
                parameters:
                  path:
                    customer-tenant-id:
                      argument: customerTenantId
                      schema: { type: string, format: uuid }
                responses:
                  200: { $ref: '#/schemas/Customer' }
                  default: { $ref: 'errors.yaml#/schemas/PartnerCenterError' }

            schemas:

            """)
        let before = try generate(original)
        let after = try generate(edited)
        #expect(!before.specFilesText.contains("func getCustomerSubscriptions("))
        #expect(after.specFilesText.contains("public func getCustomerSubscriptions(customerTenantId: Swift.String) async throws -> Customer {"))
        #expect((after["CompiledSpec.swift"] ?? "").contains(#""/v1/customers/{customer-tenant-id}/subscriptions""#))
        // The diff of the generated code follows the spec's: the edited file's Swift file and
        // the compiled spec change, no other.
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        #expect(changed == ["partner-center.spec.swift", "CompiledSpec.swift"])
    }

    @Test func addingAPropertyAddsAModelField() throws {
        let edited = try original.replacingOccurrences(
            of: "      associatedPartnerId: { type: string }\n",
            with: "      associatedPartnerId: { type: string }\n      loyaltyTier: { type: integer, description: The customer's tier. }\n"
        )
        let models = try generate(edited).specFilesText
        #expect(models.contains("    /// The customer's tier.\n    public var loyaltyTier: Swift.Int?\n"))
        #expect(try !generate(original).specFilesText.contains("loyaltyTier"))
    }

    @Test func makingAnEnumTolerantAddsTheUndocumentedCase() throws {
        let edited = try original.replacingOccurrences(of: "    tolerant: true\n", with: "")
        let models = try generate(edited).specFilesText
        let declaration = try #require(models.range(of: "public enum RelationshipToPartner"))
        let body = models[declaration.lowerBound...].prefix { $0 != "}" }
        #expect(body.hasPrefix("public enum RelationshipToPartner: Swift.String, APIRuntime.JSONCodable, Codable, Hashable, Sendable, CaseIterable {"))
        #expect(body.contains("case reseller = \"reseller\""))
        #expect(!body.contains("undocumented"))
    }
}
