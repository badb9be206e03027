import APIRuntime
import APIRuntimeTesting
import Foundation
import PartnerCenter
import Testing
import TestSupport

/// `MockTransport` through the generated `PartnerCenterClient`: answers by operation id,
/// records requests, streams downloads.
@Suite struct MockTransportTests {
    private func client(_ mock: MockTransport, sleep: SleepRecorder = SleepRecorder()) -> PartnerCenterClient {
        PartnerCenterClient(tokenProvider: StaticTokenProvider("test-token"), configuration: .init(transport: mock, sleep: sleep.sleep))
    }

    @Test func answersByOperationIDThroughTheGeneratedClient() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getCustomerById") { request in
            .json(customerJSON(request.pathParameters["customer-tenant-id"] ?? "missing"))
        }
        let customer = try await client(mock).getCustomerById(customerTenantId: customerID)
        #expect(customer.id == customerID)
        #expect(customer.companyProfile?.companyName == "Wingtip Bank Ltd")
        #expect(mock.requests.map(\.operationID) == ["getCustomerById"])
    }

    @Test func aLongerTemplateIsNotMistakenForAShorterOne() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond([
            "getCustomerById": .json(customerJSON()),
            "getCustomerCompanyProfile": .json(#"{"companyName":"From the profile"}"#),
        ])
        let profile = try await client(mock).getCustomerCompanyProfile(customerTenantId: customerID)
        #expect(profile.companyName == "From the profile")
        #expect(mock.requests.map(\.operationID) == ["getCustomerCompanyProfile"])
        #expect(mock.requests.first?.pathParameters == ["customer-tenant-id": customerID])
    }

    @Test func recordsMethodURLHeadersAndBody() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getCustomerById", with: .json(customerJSON()))
        _ = try await client(mock).getCustomerById(customerTenantId: customerID)
        let recorded = try #require(mock.requests(for: "getCustomerById").first)
        #expect(recorded.number == 1)
        #expect(recorded.method == "GET")
        #expect(recorded.url.absoluteString == "https://api.partnercenter.microsoft.com/v1/customers/\(customerID)")
        #expect(recorded.header("Authorization") == "Bearer test-token")
        #expect(recorded.header("Accept") == "application/json")
        #expect(recorded.header("MS-RequestId") != nil)

        // A body is recorded as sent (straight through the transport: no Partner Center
        // operation of the spec sends one yet).
        mock.respond(when: { $0.method == "POST" }, with: .status(204))
        let request = TransportRequest(method: "POST", url: URL(string: "https://example.invalid/things")!, body: Data(#"{"name":"x"}"#.utf8))
        let response = try await mock.send(request)
        #expect(response.status == 204)
        #expect(mock.requests.last?.bodyText == #"{"name":"x"}"#)
        #expect(mock.requests.last?.operationID == nil)
    }

    @Test func cannedResponsesAreGivenInTurnAndTheClientRetries() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(
            to: "getCustomerById", with: .status(503, headers: [HeaderField(name: "Retry-After", value: "3")]), .json(customerJSON())
        )
        let sleep = SleepRecorder()
        let customer = try await client(mock, sleep: sleep).getCustomerById(customerTenantId: customerID)
        #expect(customer.id == customerID)
        #expect(mock.requests.count == 2)
        #expect(sleep.durations == [.seconds(3)])
    }

    @Test func theLatestMatchingRuleWins() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getCustomerById", with: .json(customerJSON("first")))
        mock.respond(when: { $0.header("X-Locale") == "fr-FR" }, with: .json(customerJSON("french")))
        let french = PartnerCenterClient(
            tokenProvider: StaticTokenProvider("t"), configuration: .init(transport: mock, headerValues: ["X-Locale": "fr-FR"])
        )
        #expect(try await french.getCustomerById(customerTenantId: customerID).id == "french")
        #expect(try await client(mock).getCustomerById(customerTenantId: customerID).id == "first")
    }

    @Test func aPredicateMayLookAtTheRecordedRequests() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getCustomerById", with: .json(customerJSON("later")))
        mock.respond(when: { [unowned mock] _ in mock.requests.count == 1 }, with: .json(customerJSON("first")))
        let client = client(mock)
        #expect(try await client.getCustomerById(customerTenantId: customerID).id == "first")
        #expect(try await client.getCustomerById(customerTenantId: customerID).id == "later")
    }

    @Test func anUnansweredRequestIsA501NamingIt() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        let error = await #expect(throws: APIError.self) {
            _ = try await client(mock).getCustomerById(customerTenantId: customerID)
        }
        guard case let .status(status, body)? = error?.kind else {
            Issue.record("expected a status error, got \(String(describing: error))")
            return
        }
        #expect(status == 501)
        #expect(body?.text?.contains("no response for GET") == true)
        #expect(body?.text?.contains("(operation getCustomerById)") == true)
        #expect(mock.requests.count == 1, "a 501 is not retried")
    }

    @Test func anUnknownOperationIDIsRefusedWithASuggestion() throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        #expect(throws: MockTransportError.unknownOperation("getCustomerByID", suggestion: "getCustomerById")) {
            try mock.respond(to: "getCustomerByID", with: .status(200))
        }
        #expect(throws: MockTransportError.noDocument(operationID: "getCustomerById")) {
            try MockTransport().respond(to: "getCustomerById", with: .status(200))
        }
    }

    @Test func answersAStreamedDownloadInChunks() async throws {
        let pdf = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0) })
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getInvoiceStatement", with: .data(pdf, contentType: "application/pdf", chunkSize: 4_096))
        let download = try await client(mock).getInvoiceStatement(invoiceId: "G000024132")
        var chunks: [Data] = []
        for try await chunk in download.body { chunks.append(chunk) }
        #expect(chunks.map(\.count) == [4_096, 4_096, 1_808])
        #expect(Data(chunks.joined()) == pdf)
        #expect(mock.requests.first?.header("Accept") == "application/pdf")
    }

    @Test func downloadsToAFile() async throws {
        let pdf = Data("%PDF-1.4 statement".utf8)
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getInvoiceStatement", with: .data(pdf, contentType: "application/pdf", chunkSize: 5))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mock-statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await client(mock).getInvoiceStatement(invoiceId: "G000024132", to: file)
        #expect(response.value == pdf.count)
        #expect(try Data(contentsOf: file) == pdf)
    }

    @Test func enforcesTheResponseSizeLimitLikeARealTransport() async throws {
        let mock = MockTransport()
        mock.respond(when: { _ in true }, with: .data(Data(count: 100), contentType: "application/octet-stream"))
        await #expect(throws: HTTPTransportError.responseTooLarge(limit: 10)) {
            _ = try await mock.send(TransportRequest(method: "GET", url: URL(string: "https://example.invalid/")!, maximumResponseBytes: 10))
        }
    }

    @Test func recordsEveryRequestFromManyTasksAtOnce() async throws {
        let mock = MockTransport(document: PartnerCenterClient.document)
        try mock.respond(to: "getCustomerById") { request in .json(customerJSON(request.pathParameters["customer-tenant-id"] ?? "")) }
        let client = client(mock)
        let ids = (0..<64).map { _ in UUID().uuidString.lowercased() }
        let answered = try await withThrowingTaskGroup(of: String.self) { group in
            for id in ids { group.addTask { try await client.getCustomerById(customerTenantId: id).id } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(answered == Set(ids))
        #expect(Set(mock.requests.map(\.number)) == Set(1...64))
        #expect(Set(mock.requests.compactMap { $0.pathParameters["customer-tenant-id"] }) == Set(ids))
    }
}
