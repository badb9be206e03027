import APIRuntime
import Foundation
import LocalHTTPServer
import Testing
import TestSupport
import WriteShapes

/// Every operation of Tests/Fixtures/WriteShapes/writes.yaml, through the client generated
/// from it, against a real server on 127.0.0.1.
@Suite struct WriteShapesTests {
    /// A server answering with `handler`, recording what it received.
    final class Server: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [HTTPServerRequest] = []
        private var server: LocalHTTPServer!

        init(_ handler: @escaping @Sendable (HTTPServerRequest) -> HTTPServerResponse) throws {
            server = try LocalHTTPServer(port: 0) { [unowned self] request in
                lock.withLock { received.append(request) }
                return handler(request)
            }
        }

        var requests: [HTTPServerRequest] { lock.withLock { received } }

        var client: ShapesClient {
            ShapesClient(baseURL: server.baseURL, tokenProvider: StaticTokenProvider("t"), configuration: .init(sleep: { _ in }))
        }

        func stop() { server.stop() }
    }

    @Test func createSendsTheModelAndDecodesThe201() async throws {
        let server = try Server { request in .json(201, String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "{\"companyProfile\"", with: "{\"id\":\"c-1\",\"companyProfile\"")) }
        defer { server.stop() }
        let created = try await server.client.createCustomer(Customer(companyProfile: .init(companyName: "Contoso", domain: "contoso.onmicrosoft.com")))
        #expect(created.id == "c-1")
        #expect(created.companyProfile?.companyName == "Contoso")
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/customers")
        let sent = try JSONSerialization.jsonObject(with: request.body) as? [String: Any]
        #expect((sent?["companyProfile"] as? [String: String])?["domain"] == "contoso.onmicrosoft.com")
    }

    @Test func invalidModelIsRefusedWithItsPointerBeforeAnythingIsSent() async throws {
        let server = try Server { _ in .json(201, "{}") }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await server.client.createCustomer(Customer(companyProfile: .init(companyName: String(repeating: "x", count: 101))))
        })
        guard case let .invalidRequest(problems) = error.kind else { throw error }
        #expect(problems == ["body at /companyProfile/companyName: string longer than 100 characters"])
        #expect(server.requests.isEmpty)
    }

    @Test func updateWithIfMatchIsOkOrAcceptedWithItsLocation() async throws {
        let server = try Server { request in
            request.header("If-Match") == "fresh"
                ? .json(200, #"{"id":"s-1","quantity":5,"attributes":{"etag":"next"}}"#)
                : HTTPServerResponse(status: 202, headers: [("Location", "/v1/operations/7"), ("Retry-After", "5")])
        }
        defer { server.stop() }
        let client = server.client
        let change = Subscription(quantity: 5)
        let updated = try await client.updateSubscription(change, customerID: "c-1", subscriptionID: "s-1", etag: "fresh")
        guard case let .ok(subscription) = updated else { throw Failure("expected ok, got \(updated)") }
        #expect(subscription.attributes?.etag == "next")
        let accepted = try await client.updateSubscriptionResponse(change, customerID: "c-1", subscriptionID: "s-1", etag: "other")
        guard case let .accepted(location, retryAfter) = accepted.value else { throw Failure("expected accepted, got \(accepted.value)") }
        #expect(location == "/v1/operations/7")
        #expect(retryAfter == "5")
        #expect(accepted.status == 202)
        #expect(accepted.requestID == server.requests.last?.header("MS-RequestId"))
        #expect(server.requests.map(\.method) == ["PATCH", "PATCH"])
        #expect(server.requests.map(\.path) == ["/v1/customers/c-1/subscriptions/s-1", "/v1/customers/c-1/subscriptions/s-1"])
    }

    @Test func staleIfMatchIsATypedErrorWithThePartnerCenterBody() async throws {
        let server = try Server { _ in .json(412, #"{"code":800001,"description":"The resource was changed."}"#) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            try await server.client.updateSubscription(Subscription(quantity: 2), customerID: "c", subscriptionID: "s", etag: "stale")
        })
        guard case let .status(412, body) = error.kind else { throw error }
        #expect(body?.code == "800001")
        #expect(body?.errorDescription == "The resource was changed.")
    }

    @Test func deleteIsAnsweredNoContent() async throws {
        let server = try Server { _ in HTTPServerResponse(status: 204) }
        defer { server.stop() }
        try await server.client.deleteUser(customerID: "c-1", userID: "u-1")
        let response = try await server.client.deleteUserResponse(customerID: "c-1", userID: "u-1")
        #expect(response.status == 204)
        #expect(server.requests.map(\.method) == ["DELETE", "DELETE"])
    }

    @Test func statementDownloadStreamsIntoAFile() async throws {
        let pattern = BodyPattern(length: 3_000_000)
        let server = try Server { _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], streamingLength: pattern.length) { pattern.chunk(at: $0) }
        }
        defer { server.stop() }
        let download = try await server.client.getInvoiceStatement(invoiceID: "I-1")
        #expect(download.status == 200)
        #expect(download.mediaType == "application/pdf")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try await download.body.write(to: file) == pattern.length)
        #expect(pattern.matches(try Data(contentsOf: file), at: 0))
    }

    @Test func statementDownloadToAFileReplacesItWhole() async throws {
        let pattern = BodyPattern(length: 3_000_000)
        let server = try Server { _ in
            HTTPServerResponse(
                status: 200, headers: [("Content-Type", "application/pdf"), ("MS-CV", "cv.1")], streamingLength: pattern.length
            ) { pattern.chunk(at: $0) }
        }
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("an older statement".utf8).write(to: file)
        let response = try await server.client.getInvoiceStatement(invoiceID: "I-1", to: file)
        #expect(response.status == 200)
        #expect(response.value == pattern.length)
        #expect(response.mediaType == "application/pdf")
        #expect(response.correlationVector == "cv.1")
        #expect(response.requestID != nil)
        let written = try Data(contentsOf: file)
        #expect(written.count == pattern.length && pattern.matches(written, at: 0))
        #expect(server.requests.first?.header("Accept") == "application/pdf")
    }

    @Test func failedDownloadToAFileLeavesTheFileAsItWas() async throws {
        let server = try Server { _ in .json(404, #"{"code":"InvoiceNotFound","description":"No invoice I-9."}"#) }
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("an older statement".utf8).write(to: file)
        let error = try #require(await #expect(throws: APIError.self) { try await server.client.getInvoiceStatement(invoiceID: "I-9", to: file) })
        guard case let .status(404, body) = error.kind else { throw error }
        #expect(body?.code == "InvoiceNotFound")
        #expect(try Data(contentsOf: file) == Data("an older statement".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(file.lastPathComponent)") }
        #expect(leftovers.isEmpty)
    }

    @Test func failedDownloadIsTheTypedPartnerCenterError() async throws {
        let server = try Server { _ in .json(404, #"{"code":"InvoiceNotFound","description":"No invoice I-9."}"#) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { try await server.client.getInvoiceStatement(invoiceID: "I-9") })
        guard case let .status(404, body) = error.kind else { throw error }
        #expect(body?.code == "InvoiceNotFound")
    }

    @Test func polymorphicLineItemsDecodeByTheirObjectTypeAndKeepUnknownKinds() async throws {
        let page = #"""
        {"totalCount":3,"items":[
          {"invoiceNumber":"I-1","orderId":"o-1","quantity":2,"attributes":{"objectType":"LicenseBasedLineItem"}},
          {"invoiceNumber":"I-1","consumedQuantity":1.25,"attributes":{"objectType":"DailyRatedUsageLineItem"}},
          {"invoiceNumber":"I-1","newKind":true,"attributes":{"objectType":"OneTimeInvoiceLineItem"}}
        ]}
        """#
        let server = try Server { _ in .json(200, page) }
        defer { server.stop() }
        var items: [InvoiceLineItem] = []
        for try await item in server.client.getInvoiceLineItemsPages(invoiceID: "I-1").items { items.append(item) }
        try #require(items.count == 3)
        guard case let .licenseBasedLineItem(license) = items[0] else { throw Failure("\(items[0])") }
        #expect(license.orderId == "o-1" && license.quantity == 2 && license.invoiceNumber == "I-1")
        guard case let .dailyRatedUsageLineItem(usage) = items[1] else { throw Failure("\(items[1])") }
        #expect(usage.consumedQuantity == 1.25)
        guard case let .undocumented(unknown) = items[2] else { throw Failure("\(items[2])") }
        #expect(unknown["newKind"] == .bool(true))
        // Encoding writes each kind back in its own shape.
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(items[0])) as? [String: Any]
        #expect(encoded?["orderId"] as? String == "o-1")
    }

    @Test func aKnownKindBreakingItsSchemaIsReportedAtItsPointer() async throws {
        let page = #"{"items":[{"invoiceNumber":"I-1","attributes":{"objectType":"LicenseBasedLineItem"}}]}"#
        let server = try Server { _ in .json(200, page) }
        defer { server.stop() }
        let error = try #require(await #expect(throws: APIError.self) { try await server.client.getInvoiceLineItems(invoiceID: "I-1") })
        guard case let .invalidResponse(violations) = error.kind else { throw error }
        #expect(violations.map(\.description) == ["/items/0: missing required property 'orderId'"])
    }

    @Test func offsetPagingStopsExactlyAtTheTotal() async throws {
        let server = try Server { request in
            let offset = Int(request.queryValue("offset") ?? "0") ?? 0
            let items = (offset..<min(offset + 2, 5)).map { #"{"invoiceNumber":"I-\#($0)","orderId":"o","attributes":{"objectType":"LicenseBasedLineItem"}}"# }
            return .json(200, #"{"totalCount":5,"items":[\#(items.joined(separator: ","))]}"#)
        }
        defer { server.stop() }
        var numbers: [String] = []
        for try await item in server.client.getInvoiceLineItemsPages(invoiceID: "I", size: 2).items {
            if case let .licenseBasedLineItem(line) = item { numbers.append(line.invoiceNumber) }
        }
        #expect(numbers == ["I-0", "I-1", "I-2", "I-3", "I-4"])
        #expect(server.requests.map { $0.queryValue("offset") } == [nil, "2", "4"])
    }

    @Test func membersTheSpecDoesNotListSurviveDecodingAndEncodingAtEveryDepth() async throws {
        let body = #"{"id":"c-1","newFieldFromMicrosoft":{"a":[1,2.5]},"companyProfile":{"companyName":"Contoso","addedLater":"x"}}"#
        let server = try Server { _ in .json(201, body) }
        defer { server.stop() }
        let created = try await server.client.createCustomer(Customer())
        #expect(created.additionalMembers["newFieldFromMicrosoft"] == .object(["a": .array([.integer(1), .double(2.5)])]))
        #expect(created.companyProfile?.additionalMembers == ["addedLater": .string("x")])
        // Encoded back: the same members, so a read-modify-write keeps them.
        let encoded = try JSONParser.parse(JSONEncoder().encode(created))
        #expect(encoded == (try JSONParser.parse(Data(body.utf8))))
        // And sent back as a body unchanged.
        _ = try await server.client.createCustomer(created)
        let sent = try JSONParser.parse(try #require(server.requests.last).body)
        #expect(sent["newFieldFromMicrosoft"]?["a"] == encoded["newFieldFromMicrosoft"]?["a"])
        #expect(sent["companyProfile"]?["addedLater"] == .string("x"))
    }

    @Test func recursiveModelRoundTrips() async throws {
        let server = try Server { _ in .json(200, #"{"name":"team","parent":{"name":"division","parent":{"name":"company"}},"children":[{"name":"a"}]}"#) }
        defer { server.stop() }
        let unit = try await server.client.getOrgChart()
        #expect(unit.parent?.parent?.name == "company")
        #expect(unit.children?.map(\.name) == ["a"])
        let again = try JSONDecoder().decode(OrgUnit.self, from: JSONEncoder().encode(unit))
        #expect(again == unit)
    }
}

/// A test failure with a message.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
