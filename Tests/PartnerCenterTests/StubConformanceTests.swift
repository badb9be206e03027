import Foundation
import PartnerCenter
import PartnerCenterStub
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The stub answers as the spec (and HTTP) say, for clients other than ours: what the API tester
/// (`scripts/api-tester`) found, one regression test per class.
@Suite struct StubConformanceTests {
    private static let token = "conformance-tests-token"

    struct Answer {
        var status: Int
        var headers: [AnyHashable: Any]
        var body: Data
        var json: JSONValue? { try? JSONParser.parse(body) }
        func header(_ name: String) -> String? {
            headers.first { ($0.key as? String)?.lowercased() == name.lowercased() }?.value as? String
        }
    }

    /// Sends `method target` to a stub of its own, with the headers a client of the spec sends.
    private func send(
        _ method: String, _ target: String, headers: [String: String] = [:], stub: PartnerCenterStub
    ) async throws -> Answer {
        var request = URLRequest(url: try #require(URL(string: stub.baseURL.absoluteString + target)))
        request.httpMethod = method
        let base = [
            "Authorization": "Bearer \(Self.token)", "MS-RequestId": UUID().uuidString, "MS-CorrelationId": UUID().uuidString,
            "Accept": "application/json",
        ]
        for (name, value) in base.merging(headers, uniquingKeysWith: { $1 }) { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Answer(status: http.statusCode, headers: http.allHeaderFields, body: data)
    }

    private func withStub(_ body: (PartnerCenterStub) async throws -> Void) async throws {
        let stub = try PartnerCenterStub(configuration: StubConfiguration(customerCount: 60, acceptedToken: Self.token))
        defer { stub.stop() }
        try await body(stub)
    }

    @Test func aQueryEncodedAsAFormReadsPlusAsASpace() async throws {
        try await withStub { stub in
            let reseller = SampleData.demoResellerTenantID
            let filter = #"{"Field": "IndirectReseller", "Value": "\#(reseller)", "Operator": "starts_with"}"#
            // As Python's urlencode, curl --data-urlencode and browsers send it.
            let form = filter.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: " -_.")))!
                .replacingOccurrences(of: " ", with: "+")
            let answer = try await send("GET", "/v1/customers?size=5&filter=\(form)", stub: stub)
            #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
            #expect(answer.json?["items"]?.arrayValue?.count == 5)
        }
    }

    @Test(arguments: [("MS-Contract-Version", "{}"), ("MS-Contract-Version", "v2"), ("MS-RequestId", "id-593")])
    func aSharedHeaderThatBreaksTheSpecIs400NamingIt(name: String, value: String) async throws {
        try await withStub { stub in
            let answer = try await send("GET", "/v1/relationships?relationship_type=IsIndirectCloudSolutionProviderOf", headers: [name: value], stub: stub)
            #expect(answer.status == 400)
            #expect(answer.json?["description"]?.stringValue?.contains("header \(name)") == true, "\(answer.json.map { "\($0)" } ?? "")")
        }
    }

    @Test func aMethodThePathDoesNotHaveIs405WithAllow() async throws {
        try await withStub { stub in
            let put = try await send("PUT", "/v1/customers", stub: stub)
            #expect(put.status == 405)
            #expect(put.header("Allow") == "GET, POST")
            // The literal path wins over a customer's: `relationshiprequests` is not a tenant id.
            let patch = try await send("PATCH", "/v1/customers/relationshiprequests", stub: stub)
            #expect(patch.status == 405)
            #expect(patch.header("Allow") == "GET")
        }
    }

    @Test(arguments: ["/v1/customers/\(SampleData.demoResellerTenantID)/users/", "/v1/customers//users"])
    func anEmptyPathSegmentNamesNothing(target: String) async throws {
        try await withStub { stub in
            let status = try await send("GET", target, stub: stub).status
            #expect(status == 404)
        }
    }

    @Test func anOffsetListingHonoursOffsetSizeAndTotal() async throws {
        try await withStub { stub in
            var ids: [String] = []
            var counts: [Int] = []
            for offset in [0, 2, 4, 6] {
                let page = try #require(try await send("GET", "/v1/invoices?size=2&offset=\(offset)", stub: stub).json)
                let items = page["items"]?.arrayValue ?? []
                // Partner Center's invoices count the page's items in `totalCount`.
                #expect(page["totalCount"]?.intValue == items.count)
                counts.append(items.count)
                ids += items.compactMap { $0["id"]?.stringValue }
            }
            #expect(counts == [2, 2, 1, 0])
            #expect(Set(ids).count == 5)
            // The same request, the same answer.
            let again = try await send("GET", "/v1/invoices?size=2&offset=2", stub: stub).json
            #expect(again?["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == Array(ids[2..<4]))
        }
    }

    @Test func madeUpDataReadsLikePartnerCenters() async throws {
        try await withStub { stub in
            let customer = SampleData.demoResellerTenantID
            let page = try #require(try await send("GET", "/v1/customers/\(customer)/subscriptions", stub: stub).json)
            #expect(page["attributes"]?["objectType"] == .string("Collection"))
            let subscription = try #require(page["items"]?.arrayValue?.first)
            #expect(UUID(uuidString: subscription["id"]?.stringValue ?? "") != nil, "\(subscription)")
            // From the spec's examples, which are Microsoft's published values.
            #expect(["Office 365 Business Essentials", "Microsoft Azure", "Intune Device"].contains(subscription["offerName"]?.stringValue ?? ""), "\(subscription)")
            #expect(subscription["orderId"]?.stringValue?.wholeMatch(of: /[A-Z0-9]{12}/) != nil, "\(subscription)")
            #expect(subscription["status"]?.stringValue != "none")
            let invoice = try #require(try await send("GET", "/v1/invoices/G000024132", stub: stub).json)
            #expect(invoice["attributes"]?["objectType"] == .string("Invoice"))
            #expect(["USD", "EUR", "GBP", "JPY"].contains(invoice["currencyCode"]?.stringValue ?? ""), "\(invoice)")
            #expect(invoice["invoiceDate"]?.stringValue?.prefixMatch(of: /\d{4}-\d{2}-\d{2}T/) != nil, "\(invoice)")
        }
    }

    @Test func resetForgetsWhatCallersDid() async throws {
        try await withStub { stub in
            let customer = SampleData.demoResellerTenantID
            let path = "/v1/customers/\(customer)/users"
            let user = #"{"userPrincipalName": "adele@contoso.onmicrosoft.com", "firstName": "Adele", "lastName": "Vance", "displayName": "Adele Vance", "usageLocation": "US", "passwordProfile": {"password": "p@ssw0rd!Aa1", "forceChangePassword": true}}"#
            var request = URLRequest(url: try #require(URL(string: stub.baseURL.absoluteString + path)))
            request.httpMethod = "POST"
            request.httpBody = Data(user.utf8)
            for (name, value) in ["Authorization": "Bearer \(Self.token)", "MS-RequestId": UUID().uuidString, "MS-CorrelationId": UUID().uuidString, "Content-Type": "application/json"] {
                request.setValue(value, forHTTPHeaderField: name)
            }
            let (data, _) = try await URLSession.shared.data(for: request)
            let id = try #require(try JSONParser.parse(data)["id"]?.stringValue)
            func listed() async throws -> [String] {
                try await send("GET", path, stub: stub).json?["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            }
            let before = try await listed()
            #expect(before == [id])
            let reset = try await send("POST", "/stub/reset", stub: stub).status
            #expect(reset == 204)
            let after = try await listed()
            #expect(!after.contains(id))
        }
    }
}
