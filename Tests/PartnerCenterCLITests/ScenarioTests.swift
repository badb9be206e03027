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

    /// README's "New commerce and GDAP", command for command: a GDAP relationship created,
    /// locked for approval and listed (on the stub's Graph); a subscription's transition
    /// eligibility checked and the transition made; a migration validated, started and its
    /// events read; a promotion's eligibility verified.
    @Test func newCommerceAndGDAPAgainstOneStub() async throws {
        let server = try await BackgroundProcess(["stub", "serve", "--port", "0", "--customers", "30", "--token", "T"])
        defer { Task { await server.terminate() } }
        let url = try #require(await server.firstLine(within: 10), "stderr: \(server.stderr)")
        let environment = [
            "PARTNER_CENTER_BASE_URL": url, "PARTNER_CENTER_GRAPH_BASE_URL": url, "PARTNER_CENTER_TOKEN": "T", "PARTNER_CENTER_GRAPH_TOKEN": "T",
        ]
        let customer = "4b827261-d21f-4aa9-b7db-7fa1f56fb163"
        let subscription = "a4c1340b-6733-4e3e-a0f4-b4e4e0bcb5b9"

        let created = try await CLI.run([
            "call", "createDelegatedAdminRelationship", "--body",
            #"{"displayName":"Contoso admin","duration":"P730D","customer":{"tenantId":"\#(customer)"},"accessDetails":{"unifiedRoles":[{"roleDefinitionId":"29232cdf-9323-42fd-ade2-1d097af3e4de"}]}}"#,
        ], environment: environment)
        #expect(created.status == 0, "\(created)")
        let relationship = try json(created.stdout)
        let relationshipID = try #require(relationship["id"] as? String)
        #expect(relationship["status"] as? String == "created")
        let locked = try await CLI.run(
            ["call", "createDelegatedAdminRelationshipRequest", "--param", "delegatedAdminRelationshipId=\(relationshipID)", "--body", #"{"action":"lockForApproval"}"#],
            environment: environment
        )
        #expect(locked.status == 0, "\(locked)")
        let listed = try await CLI.run(["gdap", "list", "--format", "table"], environment: environment)
        #expect(listed.status == 0, "\(listed)")
        let row = try #require(listed.stdout.split(separator: "\n").first { $0.hasPrefix(relationshipID) }, "\(listed.stdout)")
        #expect(row.contains("approvalPending"), "\(row)")
        // The ETag the relationship was created with is stale now: Graph's 412.
        let stale = try await CLI.run([
            "call", "updateDelegatedAdminRelationship", "--param", "delegatedAdminRelationshipId=\(relationshipID)",
            "--header", "If-Match=\(try #require(relationship["@odata.etag"] as? String))", "--body", #"{"displayName":"Renamed"}"#,
        ], environment: environment)
        #expect(stale.status == 69, "\(stale)")
        #expect(stale.stderr.contains("HTTP 412") && stale.stderr.contains("PreconditionFailed"), "\(stale.stderr)")

        let eligible = try await CLI.run(
            ["subscriptions", "transitions", "--customer", customer, "--subscription", subscription, "--format", "json"], environment: environment
        )
        #expect(eligible.status == 0, "\(eligible)")
        let targets = try #require(try JSONSerialization.jsonObject(with: Data(eligible.stdout.utf8)) as? [[String: Any]], "\(eligible.stdout)")
        let target = try #require(targets.first?["catalogItemId"] as? String)
        let transitioned = try await CLI.run(
            ["subscriptions", "transition", "--customer", customer, "--subscription", subscription, "--to", target, "--quantity", "3"], environment: environment
        )
        #expect(transitioned.status == 0, "\(transitioned)")
        let newSubscription = try #require(try json(transitioned.stdout)["toSubscriptionId"] as? String)
        let subscriptions = try await CLI.run(["subscriptions", "list", "--customer", customer, "--format", "json"], environment: environment)
        #expect(try idsOfJSONArray(subscriptions.stdout).contains(newSubscription), "\(subscriptions.stdout)")

        let migrationBody = #"{"currentSubscriptionId":"\#(subscription)"}"#
        let validated = try await CLI.run(
            ["call", "validateNewCommerceMigration", "--param", "customer-tenant-id=\(customer)", "--body", migrationBody], environment: environment
        )
        #expect(try json(validated.stdout)["isEligible"] as? Bool == true, "\(validated)")
        let started = try await CLI.run(
            ["call", "createNewCommerceMigration", "--param", "customer-tenant-id=\(customer)", "--body", migrationBody], environment: environment
        )
        let migration = try json(started.stdout)
        #expect(migration["status"] as? String == "Processing", "\(started)")
        let migrationID = try #require(migration["id"] as? String)
        let read = try await CLI.run(
            ["call", "getNewCommerceMigration", "--param", "customer-tenant-id=\(customer)", "--param", "migration-id=\(migrationID)"], environment: environment
        )
        #expect(try json(read.stdout)["status"] as? String == "Completed", "\(read)")
        let events = try await CLI.run(
            ["call", "listNewCommerceMigrationEvents", "--param", "customer-tenant-id=\(customer)", "--param", "migration_id=\(migrationID)", "--format", "table"],
            environment: environment
        )
        #expect(events.status == 0, "\(events)")
        #expect(events.stdout.contains("MigrationStarted") && events.stdout.contains("MigrationCompleted"), "\(events.stdout)")

        let promotion = try await CLI.run([
            "call", "verifyPromotionEligibilities", "--param", "customer-tenant-id=\(customer)", "--body",
            #"{"items":[{"catalogItemId":"CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59","quantity":1,"termDuration":"P1Y","billingCycle":"monthly","promotionId":"CFQ7TTC0HL8W:0001:CFQ7TTC0K59M"}]}"#,
        ], environment: environment)
        #expect(promotion.status == 0, "\(promotion)")
        let item = try #require((try json(promotion.stdout)["items"] as? [[String: Any]])?.first, "\(promotion.stdout)")
        #expect((item["eligibilities"] as? [[String: Any]])?.first?["isEligible"] as? Bool == true)
    }
}
