import APIRuntime
import Foundation
import PartnerCenter
import PartnerCenterStub
import Testing

/// The flows the stub answers statefully (GDAP on Microsoft Graph, new-commerce migrations,
/// transitions, promotion eligibility), through the generated client: each answer is
/// validated against the spec on the way.
@Suite("Stub: new commerce and GDAP flows")
struct StubLifecycleTests {
    static let token = "lifecycle-token"
    static let customer = "4b827261-d21f-4aa9-b7db-7fa1f56fb163"
    static let subscription = "a4c1340b-6733-4e3e-a0f4-b4e4e0bcb5b9"

    static func stub() throws -> PartnerCenterStub {
        try PartnerCenterStub(configuration: StubConfiguration(customerCount: 5, acceptedToken: token))
    }

    @Test func aGDAPRelationshipIsCreatedLockedForApprovalAndListedWithItsETagChecked() async throws {
        let stub = try Self.stub()
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        let new = NewDelegatedAdminRelationship(
            displayName: "Contoso admin", duration: "P730D", customer: DelegatedAdminRelationshipCustomerParticipant(tenantId: Self.customer),
            accessDetails: DelegatedAdminAccessDetails(unifiedRoles: [UnifiedRole(roleDefinitionId: "29232cdf-9323-42fd-ade2-1d097af3e4de")])
        )
        let created = try await client.createDelegatedAdminRelationship(new)
        #expect(created.status == .created)
        let firstETag = try #require(created.odataEtag)

        // A change with the current ETag works and gives a new one; the old one is then stale.
        let renamed = try await client.updateDelegatedAdminRelationship(
            DelegatedAdminRelationshipUpdate(displayName: "Contoso admins"), relationshipId: created.id, etag: firstETag
        )
        #expect(renamed.displayName == "Contoso admins")
        #expect(renamed.odataEtag != firstETag)
        await #expect {
            _ = try await client.updateDelegatedAdminRelationship(DelegatedAdminRelationshipUpdate(displayName: "x"), relationshipId: created.id, etag: firstETag)
        } throws: { error in
            // Graph's error shape, with Graph's code for the status.
            guard let error = error as? APIError, error.status == 412 else { return false }
            return "\(error)".contains("PreconditionFailed")
        }

        let request = try await client.createDelegatedAdminRelationshipRequest(
            CreateDelegatedAdminRelationshipRequestBody(action: .lockForApproval), relationshipId: created.id
        )
        #expect(request.action == .lockForApproval)
        let locked = try await client.getDelegatedAdminRelationship(relationshipId: created.id)
        #expect(locked.status == .approvalPending)
        #expect(locked.odataEtag != renamed.odataEtag, "locking changes the relationship, so its ETag")

        var listed: [DelegatedAdminRelationship] = []
        for try await relationship in client.listDelegatedAdminRelationshipsPages().items { listed.append(relationship) }
        #expect(listed.map(\.id) == [created.id])
        #expect(listed.first?.status == .approvalPending)
    }

    @Test func aMigrationIsValidatedStartedCompletedAndHasItsEvents() async throws {
        let stub = try Self.stub()
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        let request = NewCommerceMigrationRequest(currentSubscriptionId: Self.subscription)
        let eligibility = try await client.validateNewCommerceMigration(request, customerTenantId: Self.customer)
        #expect(eligibility.isEligible == true)
        #expect(eligibility.currentSubscriptionId == Self.subscription)

        let started = try await client.createNewCommerceMigration(request, customerTenantId: Self.customer)
        #expect(started.status == "Processing")
        #expect(try await client.listNewCommerceMigrationEvents(customerTenantId: Self.customer, migrationId: started.id).map(\.eventName) == ["MigrationStarted"])

        let read = try await client.getNewCommerceMigration(customerTenantId: Self.customer, migrationId: try #require(started.id))
        guard case let .ok(migration) = read else {
            Issue.record("expected 200, got \(read)")
            return
        }
        #expect(migration.status == "Completed")
        let newSubscription = try #require(migration.newCommerceSubscriptionId)
        #expect(try await client.getSubscription(customerTenantId: Self.customer, subscriptionId: newSubscription).status == .active)
        let events = try await client.listNewCommerceMigrationEvents(customerTenantId: Self.customer, migrationId: started.id)
        #expect(events.map(\.eventName) == ["MigrationStarted", "NewCommerceSubscriptionCreated", "MigrationCompleted"])
    }

    @Test func aTransitionCreatesItsTargetSubscription() async throws {
        let stub = try Self.stub()
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        let eligibilities = try await client.listTransitionEligibilities(customerTenantId: Self.customer, subscriptionId: Self.subscription)
        let target = try #require(eligibilities.items.first { $0.eligibilities?.first?.isEligible == true })
        let transition = try await client.createTransition(
            Transition(toCatalogItemId: target.catalogItemId, quantity: 3, transitionType: .transitionWithLicenseTransfer),
            customerTenantId: Self.customer, subscriptionId: Self.subscription
        )
        #expect(transition.events?.map(\.status) == [.completed])
        let created = try await client.getSubscription(customerTenantId: Self.customer, subscriptionId: try #require(transition.toSubscriptionId))
        #expect(created.offerId == target.catalogItemId)
        #expect(created.quantity == 3)
    }

    @Test func promotionEligibilityAnswersTheItemsAskedAbout() async throws {
        let stub = try Self.stub()
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        let body = try VerifyPromotionEligibilitiesBody(fromJSON: JSONParser.parse(#"""
            {"items":[{"catalogItemId":"CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59","quantity":1,"termDuration":"P1Y","billingCycle":"monthly","promotionId":"CFQ7TTC0HL8W:0001:CFQ7TTC0K59M"}]}
            """#))
        let answer = try await client.verifyPromotionEligibilities(body, customerTenantId: Self.customer)
        #expect(answer.items.map(\.catalogItemId) == ["CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59"])
        #expect(answer.items.first?.eligibilities?.first?.promotionId == "CFQ7TTC0HL8W:0001:CFQ7TTC0K59M")
        #expect(answer.items.first?.eligibilities?.first?.isEligible == true)
    }
}
