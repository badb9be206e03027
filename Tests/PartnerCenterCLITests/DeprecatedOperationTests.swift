import Foundation
import Testing

/// Operations the spec deprecates (`listOffers`, the v1 reconciliation line items): `call`
/// warns on standard error and otherwise behaves as for any operation; `operations` marks them.
@Suite("Deprecated operations")
struct DeprecatedOperationTests {
    private static func warning(_ operationID: String) -> String {
        "partner-center: warning: \(operationID) is deprecated in the API's spec"
    }

    @Test func callWarnsOnceOnStandardErrorAndPrintsTheAnswer() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(
            ["call", "listOffers", "--param", "country=US", "--max-pages", "1", "--format", "ndjson"], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        #expect(result.stderrLines.first == Self.warning("listOffers"), "\(result)")
        #expect(result.stderrLines.filter { $0.contains("deprecated") }.count == 1, "\(result)")
        // Standard output is the answer alone: a JSON object per offer.
        let lines = result.stdout.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any], "\(line)")
        }
    }

    @Test func callOfAnOperationThatIsNotDeprecatedDoesNotWarn() async throws {
        let stub = try StubFixture()
        let customer = stub.stub.data.entries[0].customer
        let result = try await CLI.run(["call", "getCustomerById", "--param", "customer-tenant-id=\(customer.id)"], environment: stub.environment())
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("deprecated"), "\(result)")
    }

    @Test func aFailingCallOfADeprecatedOperationWarnsAndKeepsItsExitStatus() async throws {
        let stub = try StubFixture()
        let result = try await CLI.run(["call", "getInvoiceLineItems", "--param", "invoice-id=no-such-invoice",
                                        "--param", "provider=Office", "--param", "invoicelineitemtype=BillingLineItems"],
                                       environment: stub.environment(token: "wrong-token"))
        let plain = try await CLI.run(["call", "getInvoice", "--param", "invoice-id=no-such-invoice"], environment: stub.environment(token: "wrong-token"))
        #expect(result.status != 0 && result.status == plain.status, "\(result)\n\(plain)")
        #expect(result.stderrLines.first == Self.warning("getInvoiceLineItems"), "\(result)")
    }

    @Test func operationsMarksTheDeprecatedOnes() async throws {
        let result = try await CLI.run(["operations"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\nlistOffers\n    GET /v1/offers  (paged)  (deprecated)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\ngetUnbilledInvoiceLineItems\n    GET /v1/invoices/unbilled/lineitems  (paged)  (deprecated)\n"))
        #expect(result.stdout.contains("\ngetInvoiceLineItems\n    GET /v1/invoices/{invoice-id}/lineitems  (paged)  (deprecated)\n"))
        #expect(result.stdout.components(separatedBy: "(deprecated)").count - 1 == 3)
    }
}
