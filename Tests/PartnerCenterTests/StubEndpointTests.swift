import Foundation
import PartnerCenter
import PartnerCenterStub
import Testing

/// Every endpoint of the spec, through the generated client, against the stub over loopback HTTP.
@Suite struct StubEndpointTests {
    private static let token = "endpoint-tests-token-0123456789"

    private func withStub(_ body: (PartnerCenterClient, PartnerCenterStub) async throws -> Void) async throws {
        let stub = try PartnerCenterStub(configuration: StubConfiguration(customerCount: 120, defaultPageSize: 25, acceptedToken: Self.token))
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        try await body(client, stub)
    }

    @Test func customerByIdReturnsThatCustomer() async throws {
        try await withStub { client, stub in
            let expected = stub.data.entries[17].customer
            let customer = try await client.getCustomerById(customerTenantId: expected.id)
            #expect(customer == expected)
        }
    }

    @Test func companyProfileMatchesTheCustomer() async throws {
        try await withStub { client, stub in
            let expected = stub.data.entries[5].customer
            let profile = try await client.getCustomerCompanyProfile(customerTenantId: expected.id.uppercased())
            #expect(profile == expected.companyProfile)
        }
    }

    @Test func customerRelationshipsNameItsIndirectReseller() async throws {
        try await withStub { client, stub in
            let entry = stub.data.entries[3]
            var relationships: [PartnerRelationship] = []
            for try await relationship in client.getCustomerRelationshipsPages(customerTenantId: entry.customer.id).items {
                relationships.append(relationship)
            }
            #expect(relationships.map(\.id) == [entry.resellerTenantID])
            #expect(relationships.first?.relationshipType == .isIndirectResellerOf)
        }
    }

    @Test func indirectResellersAreThePartnersResellers() async throws {
        try await withStub { client, stub in
            let page = try await client.getIndirectResellers()
            #expect(page.items.map(\.id) == stub.data.resellers.map(\.tenantID))
            #expect(page.items.allSatisfy { $0.relationshipType == .isIndirectCloudSolutionProviderOf })
            #expect(page.items.contains { $0.location == nil && $0.state == nil })
        }
    }

    @Test func resellersIdsListTheirCustomers() async throws {
        try await withStub { client, stub in
            let reseller = try #require(try await client.getIndirectResellers().items.last)
            var ids: [String] = []
            for try await customer in client.getCustomersOfIndirectResellerPages(resellerTenantId: reseller.id, size: 7).items {
                ids.append(customer.id)
            }
            #expect(ids == stub.data.entries.filter { $0.resellerTenantID == reseller.id }.map(\.customer.id))
        }
    }

    @Test(arguments: [(ListCustomersFilterField.companyName, "contoso"), (.companyName, "MÜLLER &"), (.domain, "WINGTIP"), (.domain, "42")])
    func filteredListingsPageThroughExactlyTheMatchingCustomers(field: ListCustomersFilterField, value: String) async throws {
        try await withStub { client, stub in
            var ids: [String] = []
            for try await customer in client.listCustomersPages(filterField: field, filterValue: value, size: 3).items {
                ids.append(customer.id)
            }
            let expected = stub.data.entries.filter { entry in
                let text = field == .companyName ? entry.customer.companyProfile?.companyName : entry.customer.companyProfile?.domain
                return (text ?? "").lowercased().hasPrefix(value.lowercased())
            }
            #expect(!expected.isEmpty)
            #expect(ids == expected.map(\.customer.id))
        }
    }

    @Test func aLargeStubPagesAResellersCustomersWithNoneRepeatedOrSkipped() async throws {
        let stub = try PartnerCenterStub(configuration: StubConfiguration(customerCount: 20_000, acceptedToken: Self.token))
        defer { stub.stop() }
        let client = stub.client(token: Self.token)
        let reseller = stub.data.resellers[4].tenantID
        var ids: [String] = []
        for try await customer in client.getCustomersOfIndirectResellerPages(resellerTenantId: reseller, size: 500).items {
            ids.append(customer.id)
        }
        #expect(ids == stride(from: 4, to: 20_000, by: stub.data.resellers.count).map { stub.data.entries[$0].customer.id })
    }

    @Test func unknownCustomerIsA404WithThePartnerCenterError() async throws {
        try await withStub { client, _ in
            do {
                _ = try await client.getCustomerById(customerTenantId: "00000000-0000-4000-8000-000000000000")
                Issue.record("expected an error")
            } catch let error as APIError {
                guard case let .status(404, body?) = error.kind else {
                    Issue.record("expected HTTP 404, got \(error)")
                    return
                }
                #expect(body.code == "600039")
                #expect(body.violations.isEmpty, "the stub's error conforms to the declared PartnerCenterError")
                let model = try body.decode(as: PartnerCenterError.self)
                #expect(model.toJSON() == body.json, "the spec's error model holds the whole body")
            }
        }
    }

    @Test func pathParametersAreValidatedBeforeSending() async throws {
        try await withStub { client, _ in
            do {
                _ = try await client.getCustomerById(customerTenantId: "../../v1/relationships")
                Issue.record("expected an error")
            } catch let error as APIError {
                guard case let .invalidRequest(problems) = error.kind else {
                    Issue.record("expected an invalid request, got \(error)")
                    return
                }
                #expect(problems == ["parameter 'customer-tenant-id': \"../../v1/relationships\" is not a valid uuid"])
            }
        }
    }

    @Test func unknownRelationshipTypesAreTolerated() throws {
        let json = #"{"items":[{"id":"a","relationshipType":"is_something_new_of"}]}"#
        let page = try JSONDecoder().decode(PartnerRelationshipCollection.self, from: Data(json.utf8))
        #expect(page.items.first?.relationshipType == .undocumented("is_something_new_of"))
    }
}
