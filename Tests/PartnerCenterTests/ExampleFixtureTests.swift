import APIRuntime
import Foundation
import PartnerCenter
import Testing

/// Microsoft's published examples (`Fixtures/Examples/`, see its README for their sources and
/// the JSON mistakes fixed in them) against the compiled spec: each is valid for its
/// operation's body or response schema, and decodes into the generated model.
@Suite struct ExampleFixtureTests {
    enum Part: Sendable, CustomStringConvertible {
        case body
        case response(Int)
        var description: String {
            switch self {
            case .body: "request"
            case let .response(status): "response-\(status)"
            }
        }
    }

    struct Example: Sendable, CustomTestStringConvertible {
        var operation: String
        var part: Part
        /// The generated model the example decodes into.
        var decode: @Sendable (JSONValue) throws -> Void
        var file: String { "\(operation).\(part).json" }
        var testDescription: String { file }

        init<Model: Decodable & Sendable>(_ operation: String, _ part: Part, _ model: Model.Type) {
            self.operation = operation
            self.part = part
            decode = { _ = try JSONValueDecoder().decode(Model.self, from: $0) }
        }
    }

    static let examples: [Example] = [
        Example("createCustomer", .body, NewCustomer.self),
        Example("createCustomer", .response(201), Customer.self),
        Example("createOrder", .body, Order.self),
        Example("createOrder", .response(201), Order.self),
        Example("createOrder", .response(429), PartnerCenterError.self),
        Example("createCart", .body, Cart.self),
        Example("checkoutCart", .response(201), CartCheckoutResult.self),
        Example("updateSubscription", .body, Subscription.self),
        Example("createCustomerUser", .body, CustomerUser.self),
        Example("createCustomerUser", .response(200), CustomerUser.self),
        Example("assignUserLicenses", .body, LicenseUpdate.self),
        Example("assignUserLicenses", .response(201), LicenseUpdate.self),
        Example("assignUserLicenses", .response(400), PartnerCenterError.self),
        Example("confirmCustomerAgreement", .body, Agreement.self),
        Example("confirmCustomerAgreement", .response(201), Agreement.self),
        Example("removeResellerRelationship", .body, ResellerRelationshipRemoval.self),
    ]

    private static func directory() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures/Examples", withExtension: nil))
    }

    /// The example as the client would send or receive it. Request examples spell keys in
    /// PascalCase, which Partner Center matches case-insensitively; the spec declares the
    /// camelCase names, so a request example's keys get a lower-case first letter.
    private static func load(_ example: Example) throws -> JSONValue {
        let value = try JSONParser.parse(Data(contentsOf: directory().appendingPathComponent(example.file)))
        if case .body = example.part { return camelCased(value) }
        return value
    }

    private static func camelCased(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(members):
            var result = JSONObject()
            for (key, member) in members {
                result[key.prefix(1).lowercased() + key.dropFirst()] = camelCased(member)
            }
            return .object(result)
        case let .array(elements):
            return .array(elements.map(camelCased))
        default:
            return value
        }
    }

    @Test(arguments: examples)
    func exampleIsValidForItsOperationAndDecodes(_ example: Example) throws {
        let contents = try PartnerCenterClient.document.get()
        let operation = try #require(contents.operations[example.operation], "no operation \(example.operation)")
        let value = try Self.load(example)
        let validator = SchemaValidator(registry: contents.schemas)
        let violations: [SchemaViolation]
        switch example.part {
        case .body:
            let body = try #require(operation.body, "\(example.operation) sends no body")
            violations = validator.validate(value, against: body.schema)
        case let .response(status):
            let response = try #require(operation.response(for: status), "\(example.operation) declares no \(status)")
            let schema = try #require(response.schemaName, "\(example.operation) \(status) has no JSON body")
            violations = validator.validate(value, againstSchemaNamed: schema)
        }
        #expect(violations.isEmpty, "\(example.file): \(violations.map(\.description))")
        try example.decode(value)
    }

    @Test func everyFixtureIsChecked() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory().path).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(Self.examples.map(\.file)))
        #expect(files.count == Self.examples.count)
    }

    /// The examples say what the models hold, not only that they parse.
    @Test func examplesDecodeToWhatTheySay() throws {
        func value(_ file: String, camelCase: Bool = false) throws -> JSONValue {
            let parsed = try JSONParser.parse(Data(contentsOf: Self.directory().appendingPathComponent(file)))
            return camelCase ? Self.camelCased(parsed) : parsed
        }
        let decoder = JSONValueDecoder()
        let newCustomer = try decoder.decode(NewCustomer.self, from: value("createCustomer.request.json", camelCase: true))
        #expect(newCustomer.companyProfile.domain == "xyz.ccsctp.net")
        #expect(newCustomer.billingProfile.defaultAddress.postalCode == "98052")
        #expect(newCustomer.associatedPartnerId == nil)
        let customer = try decoder.decode(Customer.self, from: value("createCustomer.response-201.json"))
        #expect(customer.relationshipToPartner == .none_, "not nil: the value None")
        #expect(customer.billingProfile?.attributes?.etag == "5920358838484612121")
        let order = try decoder.decode(Order.self, from: value("createOrder.request.json", camelCase: true))
        #expect(order.billingCycle == .oneTime)
        #expect(order.lineItems.first?.provisioningContext?["scope"] == "shared")
        let placed = try decoder.decode(Order.self, from: value("createOrder.response-201.json"))
        #expect(placed.status == .pending)
        #expect(placed.links?.provisioningStatus?.uri.hasSuffix("/provisioningstatus") == true)
        let checkout = try decoder.decode(CartCheckoutResult.self, from: value("checkoutCart.response-201.json"))
        #expect(checkout.orders?.first?.status == .completed)
        let subscription = try decoder.decode(Subscription.self, from: value("updateSubscription.request.json", camelCase: true))
        #expect(subscription.status == .active)
        #expect(subscription.quantity == 2)
        #expect(subscription.attributes?.etag == "<etag>")
        let user = try decoder.decode(CustomerUser.self, from: value("createCustomerUser.response-200.json"))
        #expect(user.state == .active)
        #expect(user.userDomainType == .none_, "not nil: the value none")
        #expect(user.passwordProfile?.forceChangePassword == true)
        let licenses = try decoder.decode(LicenseUpdate.self, from: value("assignUserLicenses.request.json", camelCase: true))
        #expect(licenses.licensesToAssign?.first?.skuId == "f8a1db68-be16-40ed-86d5-cb42ce701560")
        let error = try decoder.decode(PartnerCenterError.self, from: value("assignUserLicenses.response-400.json"))
        #expect(error.source == "PartnerFD")
        let agreement = try decoder.decode(Agreement.self, from: value("confirmCustomerAgreement.response-201.json"))
        #expect(agreement.type == .microsoftCustomerAgreement)
        #expect(agreement.primaryContact.lastName == "Carr")
    }

    /// Values Microsoft adds later do not break decoding (the SDKs' most reported failure).
    @Test func tolerantEnumsKeepNewValues() throws {
        let decoder = JSONValueDecoder()
        var subscription = try #require(try JSONParser.parse(Data(contentsOf: Self.directory().appendingPathComponent("updateSubscription.request.json"))).objectValue)
        subscription = Self.camelCased(.object(subscription)).objectValue ?? [:]
        subscription["status"] = .string("Disabled_In_Future")
        subscription["billingCycle"] = .string("biennial")
        let decoded = try decoder.decode(Subscription.self, from: .object(subscription))
        #expect(decoded.status == .undocumented("Disabled_In_Future"))
        #expect(decoded.billingCycle == .undocumented("biennial"))
        let contents = try PartnerCenterClient.document.get()
        #expect(SchemaValidator(registry: contents.schemas).validate(.object(subscription), againstSchemaNamed: "Subscription").isEmpty)
        for name in ["SubscriptionStatus", "BillingCycle", "BillingType", "BillingProvider", "InvoiceLineItemType", "OrderStatus", "CatalogTargetView", "AgreementType"] {
            #expect(contents.schemas[name]?.isTolerant == true, "\(name) is not tolerant")
        }
    }

    /// A line item of a kind the spec does not list is kept, not refused.
    @Test func invoiceLineItemsArePolymorphic() throws {
        let page = try JSONParser.parse(Data(#"""
            {"totalCount": 3, "items": [
              {"invoiceNumber": "G1", "orderId": "o", "unitPrice": 5.5, "attributes": {"objectType": "LicenseBasedLineItem"}},
              {"invoiceNumber": "G1", "productId": "DZH318Z0BQ3Q", "attributes": {"objectType": "OneTimeInvoiceLineItem"}},
              {"invoiceNumber": "G1", "anything": true, "attributes": {"objectType": "SomeFutureLineItem"}}
            ], "attributes": {"objectType": "Collection"}}
            """#.utf8))
        let contents = try PartnerCenterClient.document.get()
        #expect(SchemaValidator(registry: contents.schemas).validate(page, againstSchemaNamed: "InvoiceLineItemCollection").isEmpty)
        let decoded = try JSONValueDecoder().decode(InvoiceLineItemCollection.self, from: page)
        guard case let .licenseBasedLineItem(license) = decoded.items[0] else { Issue.record("\(decoded.items[0])"); return }
        #expect(license.orderId == "o")
        guard case let .oneTimeInvoiceLineItem(oneTime) = decoded.items[1] else { Issue.record("\(decoded.items[1])"); return }
        #expect(oneTime.productId == "DZH318Z0BQ3Q")
        guard case .undocumented = decoded.items[2] else { Issue.record("\(decoded.items[2])"); return }
    }
}
