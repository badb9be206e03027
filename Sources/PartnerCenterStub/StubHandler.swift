import APIRuntime
import Foundation
import LocalHTTPServer
import PartnerCenter

/// Answers requests the way Partner Center does.
final class StubHandler: Sendable {
    let data: SampleData
    let configuration: StubConfiguration
    /// The identity endpoints, for signing in to the stub.
    let identity: StubIdentity
    /// What callers created, changed and deleted while the stub runs.
    let world = StubWorld()
    /// The answers for operations without a route of their own, made from the spec.
    private let spec: SpecResponder?
    /// The spec's shared headers with a fixed value (`MS-Contract-Version: v1`), which a
    /// request may leave out but not change. `Accept` is the operation's to choose.
    private let fixedHeaders: [(name: String, value: String)]
    private let counter = RequestCounter()
    /// Microsoft Graph's billing exports, from the request to the blobs.
    private let exports: BillingExports

    init(data: SampleData, configuration: StubConfiguration) {
        self.data = data
        self.configuration = configuration
        self.identity = StubIdentity(behaviour: configuration.signIn)
        self.exports = BillingExports(data: data, configuration: configuration)
        let world = world
        let contents = try? PartnerCenterClient.document.get()
        spec = contents.map { SpecResponder(contents: $0, world: world) }
        fixedHeaders = (contents?.headers ?? []).compactMap { header in
            guard case let .fixed(value) = header.source, header.name.lowercased() != "accept" else { return nil }
            return (header.name, value)
        }
    }

    func respond(to request: HTTPServerRequest) -> HTTPServerResponse {
        if let response = identity.respond(to: request) {
            // A slow server is slow at signing in too.
            for case let .delay(milliseconds) in configuration.faults { Thread.sleep(forTimeInterval: Double(milliseconds) / 1000) }
            return response
        }
        // The storage's blobs: no bearer token, the SAS is the credential.
        if BillingExports.isBlobRequest(request) { return exports.respondToBlob(request) }
        let number = counter.next()
        // Microsoft Graph's paths (the spec's other API) are answered as Graph answers.
        let isGraph = spec?.apiName(of: request) != nil
        var echo: [(name: String, value: String)] = isGraph
            ? [("request-id", String(format: "5717b000-0000-4000-8000-%012x", number)), ("x-ms-ags-diagnostic", "{\"ServerInfo\":{\"DataCenter\":\"partner-center-stub\"}}")]
            : [("MS-CV", "stub.\(number).0"), ("MS-ServerId", "partner-center-stub")]
        for name in isGraph ? ["client-request-id"] : ["MS-RequestId", "MS-CorrelationId"] {
            if let value = request.header(name) { echo.append((name, value)) }
        }
        if let problem = authenticate(request, isGraph: isGraph) {
            return problem.response(headers: echo, odata: isGraph)
        }
        for fault in configuration.faults {
            if let response = inject(fault, request: number, headers: echo) { return response }
        }
        return route(request).response(headers: echo, odata: isGraph)
    }

    /// A 200 response with `value` as JSON (written straight from its JSON value, keys sorted).
    func encode(_ value: some JSONCodable) -> StubResult {
        .ok(Data(JSONWriter.bytes(from: value.toJSON())))
    }

    /// The path that resets the stub between tests (`POST`): not Partner Center's, so outside `/v1`.
    static let resetPath = "/stub/reset"

    /// The resource a request names: a route of the stub's own, else the spec's answer.
    private func route(_ request: HTTPServerRequest) -> StubResult {
        if request.path == Self.resetPath, request.method == "POST" {
            world.reset()
            return .response(HTTPServerResponse(status: 204))
        }
        // A resource a caller created (or deleted) is the world's, not the sample data's.
        let known = world.resource(at: request.path) != nil || world.isDeleted(request.path)
        // The stub's own routes answer only what the spec lets through, as the spec's answers do.
        if let refusal = spec?.refusal(for: request) { return refusal }
        if request.method == "GET", !known, let result = ownRoute(request) { return result }
        if let result = exports.respond(to: request) { return result }
        if let result = spec?.respond(to: request) { return result }
        return .error(404, code: 404, description: "No resource at \(request.method) \(request.path)")
    }

    /// The routes with behaviour of their own (sample data, paging, filters, statements).
    private func ownRoute(_ request: HTTPServerRequest) -> StubResult? {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // Customer ids are GUIDs: `/v1/customers/relationshiprequests` is another operation's.
        if segments.count > 2, segments[0 ... 1] == ["v1", "customers"], UUID(uuidString: segments[2]) == nil { return nil }
        switch segments {
        case ["v1", "customers"]: return customers(request)
        case let path where path.count == 3 && path[0 ... 1] == ["v1", "customers"]: return customer(id: path[2])
        case let path where path.count == 5 && path[0 ... 1] == ["v1", "customers"] && path[3 ... 4] == ["profiles", "company"]:
            return companyProfile(customerID: path[2])
        case let path where path.count == 4 && path[0 ... 1] == ["v1", "customers"] && path[3] == "relationships":
            return relationships(customerID: path[2])
        case ["v1", "relationships"]: return resellers(request)
        case let path where path.count == 5 && path[0 ... 1] == ["v1", "invoices"] && path[3 ... 4] == ["documents", "statement"]:
            return statement(invoiceID: path[2], accept: request.header("Accept"))
        default: return nil
        }
    }

    /// 401 without a valid bearer token; for Partner Center, 400 without the headers it
    /// requires, or with a fixed header of the spec set to another value.
    private func authenticate(_ request: HTTPServerRequest, isGraph: Bool) -> StubResult? {
        let token = request.header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil } ?? ""
        if token.isEmpty || (configuration.acceptedToken.map { $0 != token && !identity.issued(token) } ?? false) {
            return .error(401, code: 401, description: "Authentication failed: a valid bearer token is required.")
        }
        // A token its identity endpoints issued is for one audience: Partner Center's or Graph's.
        if let forGraph = identity.isForGraph(token), forGraph != isGraph {
            return .error(401, code: 401, description: "Access token validation failure: the token is for \(forGraph ? "Microsoft Graph" : "Partner Center"), not this API.")
        }
        if isGraph {
            // Optional on Graph; one that is sent is a GUID, as the spec says.
            if let id = request.header("client-request-id"), UUID(uuidString: id) == nil {
                return .error(400, code: 400, description: "The header client-request-id must be a GUID.")
            }
            return nil
        }
        for name in ["MS-RequestId", "MS-CorrelationId"] where UUID(uuidString: request.header(name) ?? "") == nil {
            return .error(400, code: 400_002, description: "The header \(name) must be a GUID.")
        }
        for header in fixedHeaders {
            if let sent = request.header(header.name), sent != header.value {
                return .error(400, code: 400_002, description: "The header \(header.name) must be '\(header.value)'.")
            }
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
}

/// A response before the echoed headers are added.
enum StubResult {
    case ok(Data)
    case error(Int, code: Int, description: String)
    /// A response made whole (the spec's answer for an operation without a route of its own).
    case response(HTTPServerResponse)
    /// A document of `length` bytes, sent as an attachment chunk by chunk from `chunk(offset)`.
    case document(mediaType: String, fileName: String, length: Int, chunk: @Sendable (Int) -> Data?)

    /// Graph's error body: `{"error": {"code", "message", "innerError": {"request-id", "date"}}}`.
    private static func odataError(status: Int, code: Int, _ description: String, requestID: String?) -> String {
        let body: JSONValue = .object([
            "error": .object([
                "code": .string(odataCode(status: status, code: code)), "message": .string(description),
                "innerError": .object(["request-id": .string(requestID ?? ""), "date": .string(ISO8601DateFormatter().string(from: Date()))]),
            ]),
        ])
        return JSONWriter.string(from: body)
    }

    /// Graph's error code for a status (its codes are words: `Request_BadRequest`…).
    private static func odataCode(status: Int, code: Int) -> String {
        switch status {
        case 400: "BadRequest"
        case 401: "InvalidAuthenticationToken"
        case 403: "Forbidden"
        case 404: "Request_ResourceNotFound"
        case 405: "MethodNotAllowed"
        case 412: "PreconditionFailed"
        case 429: "TooManyRequests"
        default: status >= 500 ? "ServiceNotAvailable" : "\(code)"
        }
    }

    /// Partner Center's answer for an unknown customer.
    static func customerNotFound(_ id: String) -> StubResult {
        .error(404, code: 600_039, description: "The customer \(id) was not found.")
    }

    /// The response, with `headers` added; an error in Microsoft Graph's OData shape when
    /// `odata` (`{"error": {"code", "message", "innerError"}}`), else in Partner Center's.
    func response(headers: [(name: String, value: String)], odata: Bool = false) -> HTTPServerResponse {
        switch self {
        case let .error(status, code, description) where odata:
            .json(status, Self.odataError(status: status, code: code, description, requestID: headers.first { $0.name == "request-id" }?.value), headers: headers)
        case let .response(response):
            HTTPServerResponse(status: response.status, headers: response.headers + headers, body: response.body)
        case let .ok(body):
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: body)
        case let .document(mediaType, fileName, length, chunk):
            HTTPServerResponse(
                status: 200, headers: [("Content-Type", mediaType), ("Content-Disposition", "attachment; filename=\(fileName)")] + headers,
                streamingLength: length, producer: chunk
            )
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
