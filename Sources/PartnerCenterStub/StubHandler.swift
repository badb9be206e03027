import Foundation
import LocalHTTPServer
import PartnerCenter

/// Answers requests the way Partner Center does.
final class StubHandler: Sendable {
    let data: SampleData
    let configuration: StubConfiguration
    private let counter = RequestCounter()
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    init(data: SampleData, configuration: StubConfiguration) {
        self.data = data
        self.configuration = configuration
    }

    func respond(to request: HTTPServerRequest) -> HTTPServerResponse {
        let number = counter.next()
        var echo: [(name: String, value: String)] = [
            ("MS-CV", "stub.\(number).0"), ("MS-ServerId", "partner-center-stub"),
        ]
        for name in ["MS-RequestId", "MS-CorrelationId"] {
            if let value = request.header(name) { echo.append((name, value)) }
        }
        if let problem = authenticate(request) {
            return problem.response(headers: echo)
        }
        for fault in configuration.faults {
            if let response = inject(fault, request: number, headers: echo) { return response }
        }
        switch (request.method, request.path) {
        case ("GET", "/v1/customers"):
            return customers(request).response(headers: echo)
        default:
            return StubResult.error(404, code: 404, description: "No resource at \(request.method) \(request.path)").response(headers: echo)
        }
    }

    /// 401 without a valid bearer token; 400 without the headers Partner Center requires.
    private func authenticate(_ request: HTTPServerRequest) -> StubResult? {
        let token = request.header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        if token.isEmpty || (configuration.acceptedToken.map { $0 != token } ?? false) {
            return .error(401, code: 401, description: "Authentication failed: a valid bearer token is required.")
        }
        for name in ["MS-RequestId", "MS-CorrelationId"] where UUID(uuidString: request.header(name) ?? "") == nil {
            return .error(400, code: 400_002, description: "The header \(name) must be a GUID.")
        }
        return nil
    }

    private func inject(_ fault: Fault, request number: Int, headers: [(name: String, value: String)]) -> HTTPServerResponse? {
        switch fault {
        case let .throttle(requests, seconds) where requests.contains(number):
            return .json(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in \(seconds) seconds.\"}",
                         headers: headers + [("Retry-After", String(seconds))])
        case let .serverError(requests, status) where requests.contains(number):
            return StubResult.error(status, code: 3000, description: "The service is temporarily unavailable.").response(headers: headers)
        case let .malformedBody(requests) where requests.contains(number):
            return .json(200, "{\"totalCount\": 1, \"items\": [", headers: headers)
        case let .invalidCustomer(requests) where requests.contains(number):
            return .json(200, "{\"totalCount\":1,\"items\":[{\"id\":12345}],\"attributes\":{\"objectType\":\"Collection\"}}", headers: headers)
        case let .delay(milliseconds):
            Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            return nil
        default:
            return nil
        }
    }

    /// `GET /v1/customers[?size=N&filter=JSON]`, or the next page with `seekOperation=Next`.
    private func customers(_ request: HTTPServerRequest) -> StubResult {
        let size: Int
        if let text = request.queryValue("size") {
            guard let value = Int(text), (1...500).contains(value) else {
                return .error(400, code: 400_001, description: "size must be between 1 and 500.")
            }
            size = value
        } else {
            size = configuration.defaultPageSize
        }
        let query: CustomerQuery
        let offset: Int
        if request.queryValue("seekOperation") == "Next" {
            guard let token = request.header("MS-ContinuationToken"), let cursor = ContinuationToken.decode(token) else {
                return .error(400, code: 400_003, description: "A valid MS-ContinuationToken header is required with seekOperation=Next.")
            }
            query = cursor.query
            offset = cursor.offset
        } else {
            switch CustomerQuery.parse(filter: request.queryValue("filter")) {
            case let .success(parsed): query = parsed
            case let .failure(problem): return .error(400, code: 400_004, description: problem.message)
            }
            offset = 0
        }
        let matching = data.entries.filter(query.matches)
        let page = Array(matching.dropFirst(offset).prefix(size)).map(\.customer)
        let nextOffset = offset + page.count
        var links = Links(self_: Link(uri: "/customers?size=\(size)", method: "GET", headers: []))
        if nextOffset < matching.count {
            let token = ContinuationToken.encode(ContinuationToken(query: query, offset: nextOffset))
            // Microsoft's samples show next links without /v1 and newer responses with it: serve both.
            let root = (nextOffset / size) % 2 == 0 ? "/v1" : ""
            links.next = Link(
                uri: "\(root)/customers?size=\(size)&seekOperation=Next", method: "GET",
                headers: [KeyValuePair(key: "MS-ContinuationToken", value: token)]
            )
        }
        let collection = CustomerCollection(
            totalCount: page.count, items: page, links: links, attributes: ResourceAttributes(objectType: "Collection")
        )
        return .ok((try? encoder.encode(collection)) ?? Data("{}".utf8))
    }
}

/// A response before the echoed headers are added.
enum StubResult {
    case ok(Data)
    case error(Int, code: Int, description: String)

    func response(headers: [(name: String, value: String)]) -> HTTPServerResponse {
        switch self {
        case let .ok(body):
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: body)
        case let .error(status, code, description):
            .json(status, "{\"code\":\(code),\"description\":\(JSONWriter.string(from: .string(description))),\"data\":[],\"source\":\"PartnerCenterStub\"}", headers: headers)
        }
    }
}

/// Counts requests across threads.
private final class RequestCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func next() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}
