import APIRuntime
import PartnerCenter
import Testing

/// The compiled spec has the operations a CSP integration uses (issue 12), each documented.
@Suite struct SpecCoverageTests {
    /// Operation ids by the spec file (area) that declares them.
    static let operationsByFile: [String: [String]] = [
        "agreements.yaml": ["listAgreementMetadata", "confirmCustomerAgreement", "listCustomerAgreements", "getAgreementDocument"],
        "audit.yaml": ["getAuditRecords"],
        "carts.yaml": ["createCart", "updateCart", "getCart", "checkoutCart"],
        "catalog.yaml": ["listProducts", "getProduct", "listProductSkus", "listSkuAvailabilities", "listCustomerProducts", "checkInventory", "listOffers"],
        "graph-billing.yaml": [
            "exportBilledReconciliation", "exportUnbilledReconciliation", "exportBilledUsage", "exportUnbilledUsage", "getBillingOperation",
            "getBillingManifest",
        ],
        "customers.yaml": ["listCustomers", "createCustomer", "deleteCustomer", "getCustomerBillingProfile", "updateCustomerBillingProfile", "validateAddress"],
        "invoices.yaml": ["listInvoices", "getInvoice", "getInvoiceSummaries", "getInvoiceLineItems", "getUnbilledInvoiceLineItems", "getInvoiceStatement"],
        "orders.yaml": ["createOrder", "listOrders", "getOrder", "getOrderProvisioningStatus", "getOrderLineItemActivationLinks"],
        "partner-center.yaml": ["getCustomersOfIndirectReseller", "getCustomerById", "getCustomerCompanyProfile", "getCustomerRelationships", "getIndirectResellers"],
        "reseller-relationships.yaml": ["requestResellerRelationship", "removeResellerRelationship", "getResellerAgreementStatus"],
        "servicerequests.yaml": ["listCustomerServiceRequests", "getServiceRequest", "updateServiceRequest"],
        "subscriptions.yaml": ["listSubscriptions", "getSubscription", "updateSubscription", "listSubscriptionAddons", "getSubscriptionProvisioningStatus", "registerSubscription", "getSubscriptionRegistrationStatus"],
        "usage.yaml": ["getAzureUtilizationRecords", "getCustomerUsageSummary", "getSubscriptionUsageRecords"],
        "users.yaml": ["listCustomerUsers", "createCustomerUser", "updateCustomerUser", "deleteCustomerUser", "assignUserLicenses", "getSubscribedSkus"],
        "country-validation.yaml": ["getCountryValidationRules"],
        "directory-roles.yaml": [
            "listDirectoryRoles", "listUserDirectoryRoles", "listDirectoryRoleUserMembers", "addDirectoryRoleUserMember",
            "removeDirectoryRoleUserMember"
        ],
        "domains.yaml": ["checkDomainAvailability", "addVerifiedDomain"],
        "entitlements.yaml": ["listEntitlements", "listSubscriptionAzureEntitlements"],
        "fraud-events.yaml": ["listFraudEvents", "updateFraudEventsStatus"],
        "graph-gdap.yaml": [
            "listDelegatedAdminRelationships", "createDelegatedAdminRelationship", "getDelegatedAdminRelationship",
            "updateDelegatedAdminRelationship", "deleteDelegatedAdminRelationship",
            "createDelegatedAdminRelationshipRequest", "listDelegatedAdminRelationshipRequests",
            "getDelegatedAdminRelationshipRequest", "createDelegatedAdminAccessAssignment",
            "listDelegatedAdminAccessAssignments", "getDelegatedAdminAccessAssignment",
            "updateDelegatedAdminAccessAssignment", "deleteDelegatedAdminAccessAssignment",
            "listDelegatedAdminRelationshipOperations", "getDelegatedAdminRelationshipOperation",
            "listDelegatedAdminCustomers", "getDelegatedAdminCustomer", "listDelegatedAdminServiceManagementDetails"
        ],
        "licenses.yaml": ["listUserLicenses"],
        "migrations.yaml": [
            "validateNewCommerceMigration", "createNewCommerceMigration", "getNewCommerceMigration",
            "listNewCommerceMigrations", "listNewCommerceMigrationEvents", "createNewCommerceMigrationSchedule",
            "getNewCommerceMigrationSchedule", "updateNewCommerceMigrationSchedule",
            "cancelNewCommerceMigrationSchedule", "listNewCommerceMigrationSchedules"
        ],
        "profiles.yaml": [
            "getLegalBusinessProfile", "updateLegalBusinessProfile", "getOrganizationProfile",
            "updateOrganizationProfile", "getPartnerBillingProfile", "updatePartnerBillingProfile", "getMpnProfile",
            "getSupportProfile", "updateSupportProfile"
        ],
        "promotions.yaml": ["verifyPromotionEligibilities", "listProductPromotions", "getProductPromotion"],
        "qualifications.yaml": ["createCustomerQualification", "listCustomerQualifications"],
        "self-serve-policies.yaml": ["createSelfServePolicy", "listSelfServePolicies", "getSelfServePolicy", "updateSelfServePolicy", "deleteSelfServePolicy"],
        "subscription-activation.yaml": ["activateSubscription"],
        "transfers.yaml": [
            "getTransferEligibility", "createTransfer", "listTransfers", "getTransfer", "acceptTransfer",
            "updateTransfer", "deleteTransfer"
        ],
        "transitions.yaml": ["listTransitionEligibilities", "createTransition", "listTransitions"],
        "upgrades.yaml": ["listSubscriptionUpgrades", "createSubscriptionUpgrade"],
        "usage-budget.yaml": ["getCustomerUsageBudget", "updateCustomerUsageBudget"],
    ]

    @Test func everyAreaOperationIsCompiled() throws {
        let contents = try PartnerCenterClient.document.get()
        let expected = Set(Self.operationsByFile.values.joined())
        #expect(expected.count >= 130)
        #expect(Set(contents.operations.keys) == expected)
    }

    /// Graph's billing exports and GDAP belong to the Graph API, with its server, scopes and
    /// headers; everything else to Partner Center.
    @Test func theBillingExportsAndGDAPBelongToGraph() throws {
        let contents = try PartnerCenterClient.document.get()
        let onGraph = (Self.operationsByFile["graph-billing.yaml"] ?? []) + (Self.operationsByFile["graph-gdap.yaml"] ?? [])
        for id in onGraph {
            let operation = try #require(contents.operations[id])
            #expect(contents.api(of: operation).name == "Graph", "\(id)")
        }
        let graph = try #require(contents.apis["Graph"])
        #expect(graph.servers["default"] == "https://graph.microsoft.com")
        #expect(graph.scopes == ["https://graph.microsoft.com/.default"])
        #expect(graph.headers.map(\.name).contains("client-request-id"))
        #expect(contents.mainAPI.scopes == ["https://api.partnercenter.microsoft.com/.default"])
        let others = contents.operations.values.filter { $0.apiName == nil }
        #expect(others.count == contents.operations.count - onGraph.count)
    }

    @Test func everyOperationHasASummaryAndADescription() throws {
        let contents = try PartnerCenterClient.document.get()
        for (id, operation) in contents.operations {
            #expect(operation.annotations.summary?.isEmpty == false, "\(id) has no summary")
            #expect(operation.annotations.description?.isEmpty == false, "\(id) has no description")
        }
    }

    /// The legacy offers catalog and the v1 reconciliation line items, each saying in its
    /// description what replaces it.
    @Test func theOperationsMicrosoftReplacedAreDeprecated() throws {
        let contents = try PartnerCenterClient.document.get()
        let deprecated = contents.operations.values.filter(\.annotations.isDeprecated)
        #expect(deprecated.map(\.id).sorted() == ["getInvoiceLineItems", "getUnbilledInvoiceLineItems", "listOffers"])
        #expect(contents.operations["listOffers"]?.annotations.description?.contains("new commerce catalog") == true)
        for id in ["getInvoiceLineItems", "getUnbilledInvoiceLineItems"] {
            #expect(contents.operations[id]?.annotations.description?.contains("Microsoft Graph billing reconciliation export") == true, "\(id)")
        }
    }

    @Test func statusesHeadersAndPagingAreAsDocumented() throws {
        let contents = try PartnerCenterClient.document.get()
        func operation(_ id: String) throws -> OperationDescription { try #require(contents.operations[id]) }
        #expect(try operation("createCustomer").isIdempotent)
        #expect(try operation("createCustomer").successStatuses == [201])
        #expect(try operation("createCustomerUser").successStatuses == [200])
        #expect(try operation("updateCart").successStatuses == [201])
        #expect(try operation("deleteCustomer").successStatuses == [204])
        #expect(try operation("deleteCustomerUser").successStatuses == [204])
        #expect(try operation("updateSubscription").successStatuses == [200, 202])
        #expect(try operation("registerSubscription").successStatuses == [202])
        #expect(try operation("getAzureUtilizationRecords").successStatuses == [200, 204])
        #expect(try operation("validateAddress").response(for: 200)?.schemaName == "AddressValidationResult")
        let ifMatch = try operation("updateCustomerBillingProfile").parameters.first { $0.name == "If-Match" }
        #expect(ifMatch?.location == .header)
        #expect(ifMatch?.isRequired == true)
        #expect(try operation("updateSubscription").parameters.contains { $0.name == "If-Match" && !$0.isRequired })
        for id in ["listCustomers", "listCustomerUsers", "getUnbilledInvoiceLineItems", "getAuditRecords"] {
            #expect(try operation(id).paging?.style == .nextLink(["links", "next"]), "\(id)")
        }
        for id in ["listOffers", "listInvoices", "getInvoiceLineItems"] {
            guard case .offset? = try operation(id).paging?.style else { Issue.record("\(id) is not offset-paged"); continue }
        }
    }
}
