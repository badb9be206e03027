import Foundation
import PartnerCenterStub
import TestSupport
import Testing

/// A CSP's week against one `partner-center stub serve` process, whose state lives as long as
/// it runs, through `call` and `customers` as the README shows them.
@Suite("CSP scenario")
struct ScenarioTests {
    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test func createOrderChangeAndDownloadAgainstOneStub() async throws {
        let server = try await BackgroundProcess(["stub", "serve", "--port", "0", "--customers", "30", "--token", "T"])
        defer { Task { await server.terminate() } }
        let url = try #require(await server.firstLine(within: 10), "stderr: \(server.stderr)")
        let environment = ["PARTNER_CENTER_BASE_URL": url, "PARTNER_CENTER_TOKEN": "T"]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // A customer for the demo reseller, from a file; then it is among the reseller's customers.
        let customerFile = directory.appendingPathComponent("customer.json")
        try Data(#"""
        {"associatedPartnerId":"\#(demoReseller)","companyProfile":{"domain":"scenario.onmicrosoft.com","companyName":"Scenario Ltd"},
         "billingProfile":{"email":"it@scenario.example","culture":"en-US","language":"en","companyName":"Scenario Ltd",
          "defaultAddress":{"country":"US","city":"Redmond","state":"WA","addressLine1":"1 Way","postalCode":"98052","firstName":"Ada","lastName":"Lovelace","phoneNumber":"4255550100"}}}
        """#.utf8).write(to: customerFile)
        let created = try await CLI.run(["call", "createCustomer", "--body", "@\(customerFile.path)"], environment: environment)
        #expect(created.status == 0, "\(created)")
        let customerID = try #require(try json(created.stdout)["id"] as? String)
        let listed = try await CLI.run(["customers", "--reseller", demoReseller, "--format", "json"], environment: environment)
        #expect(listed.status == 0, "\(listed)")
        #expect(try idsOfJSONArray(listed.stdout).contains(customerID))

        // A cart with one line item, checked out: an order and a subscription.
        let cartFile = directory.appendingPathComponent("cart.json")
        try Data(#"{"lineItems":[{"id":0,"catalogItemId":"DZH318Z0BQ3Q:0007:DZH318Z0BMR3","quantity":2,"billingCycle":"monthly"}]}"#.utf8).write(to: cartFile)
        let cart = try await CLI.run(["call", "createCart", "--param", "customer-tenant-id=\(customerID)", "--body", "@\(cartFile.path)"], environment: environment)
        #expect(cart.status == 0, "\(cart)")
        let cartID = try #require(try json(cart.stdout)["id"] as? String)
        let checkout = try await CLI.run(
            ["call", "checkoutCart", "--param", "customer-tenant-id=\(customerID)", "--param", "cart-id=\(cartID)"], environment: environment
        )
        #expect(checkout.status == 0, "\(checkout)")
        let orders = try await CLI.run(["call", "listOrders", "--param", "customer-tenant-id=\(customerID)"], environment: environment)
        #expect(orders.status == 0, "\(orders)")
        #expect((try json(orders.stdout)["items"] as? [Any])?.count == 1, "\(orders.stdout)")
        let subscriptions = try await CLI.run(["call", "listSubscriptions", "--param", "customer-tenant-id=\(customerID)"], environment: environment)
        #expect(subscriptions.status == 0, "\(subscriptions)")
        let subscription = try #require((try json(subscriptions.stdout)["items"] as? [[String: Any]])?.first, "\(subscriptions.stdout)")
        let subscriptionID = try #require(subscription["id"] as? String)
        let etag = try #require((subscription["attributes"] as? [String: Any])?["etag"] as? String)
        #expect(subscription["quantity"] as? Int == 2)

        // The quantity changed with the current ETag; the old ETag is then stale: 412.
        var changed = subscription
        changed["quantity"] = 5
        let changeFile = directory.appendingPathComponent("change.json")
        try JSONSerialization.data(withJSONObject: changed).write(to: changeFile)
        let update = ["call", "updateSubscription", "--param", "customer-tenant-id=\(customerID)", "--param", "subscription-id=\(subscriptionID)",
                      "--body", "@\(changeFile.path)", "--header", "If-Match=\(etag)"]
        let updated = try await CLI.run(update, environment: environment)
        #expect(updated.status == 0, "\(updated)")
        #expect(try json(updated.stdout)["quantity"] as? Int == 5)
        let stale = try await CLI.run(update, environment: environment)
        #expect(stale.status == 69, "\(stale)")
        #expect(stale.stderr.contains("HTTP 412"), "\(stale.stderr)")

        // The invoice statement.
        let pdf = directory.appendingPathComponent("statement.pdf")
        let statement = try await CLI.run(
            ["call", "getInvoiceStatement", "--param", "invoice-id=\(SampleData().invoiceIDs[0])", "--output", pdf.path], environment: environment
        )
        #expect(statement.status == 0, "\(statement)")
        #expect(try Data(contentsOf: pdf).starts(with: Data("%PDF".utf8)))
    }
}
