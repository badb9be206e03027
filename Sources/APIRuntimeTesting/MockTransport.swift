import APIRuntime
import Foundation

/// A transport that answers from rules instead of a network, and records every request.
///
/// Give it a generated client's document, and it answers by operation id:
///
/// ```swift
/// let mock = MockTransport(document: PartnerCenterClient.document)
/// try mock.respond(to: "getCustomerById") { request in
///     .json(#"{"id":"\#(request.pathParameters["customer-tenant-id"] ?? "")"}"#)
/// }
/// let client = PartnerCenterClient(tokenProvider: StaticTokenProvider("test"), configuration: .init(transport: mock))
/// let customer = try await client.getCustomerById(customerTenantId: "dfe6f203-4c1d-43d9-aa3c-842ab3d98c7c")
/// #expect(mock.requests.map(\.operationID) == ["getCustomerById"])
/// ```
///
/// A request is answered by the most recently added rule that matches it, so a test can
/// override an answer set up earlier. A request that no rule matches is answered
/// `501 Not Implemented` with a `text/plain` body naming the request and its operation,
/// which the client reports as `APIError.Kind.status(501, …)` (a status it does not retry).
///
/// Bodies are streamed in the chunks ``MockResponse/chunkSize`` sets; downloads to a file use
/// the protocol's ``HTTPTransport/download(_:to:)``, which writes the streamed body to a
/// temporary file that then replaces the destination, as the real transport does.
/// A response body larger than the request's ``TransportRequest/maximumResponseBytes`` makes
/// ``send(_:)`` throw ``HTTPTransportError/responseTooLarge(limit:)``, as the real transport does.
///
/// It is safe to use from any number of tasks at once.
public final class MockTransport: HTTPTransport, @unchecked Sendable {
    /// Answers one request; it may throw (a `URLError`, say) to fail it as a transport would.
    public typealias Handler = @Sendable (MockRequest) async throws -> MockResponse

    /// A rule: which requests it answers, and how.
    private struct Rule {
        var matches: @Sendable (MockRequest) -> Bool
        var answer: Answer
    }

    private enum Answer {
        case handler(Handler)
        /// Canned responses (at least one) given in turn, the last one repeated; `used` counts the answers.
        case canned([MockResponse], used: Int)
    }

    private let operations: Result<OperationMatcher, MockTransportError>?
    private let lock = NSLock()
    private var rules: [Rule] = []
    private var received: [MockRequest] = []

    /// Creates a transport that answers by predicate only (`respond(when:with:)`).
    public init() {
        operations = nil
    }

    /// Creates a transport that also answers by operation id: requests are matched to the
    /// operations of `document` by method and path template.
    /// - Parameter document: The compiled spec, e.g. `PartnerCenterClient.document`.
    public init(document: APIDocument) {
        do {
            operations = .success(OperationMatcher(contents: try document.get()))
        } catch {
            operations = .failure(.unreadableDocument("\(error)"))
        }
    }

    // MARK: Rules

    /// Answers every request for operation `operationID` with `handler`.
    /// - Throws: ``MockTransportError`` when the transport has no document, or the document has
    ///   no such operation.
    public func respond(to operationID: String, with handler: @escaping Handler) throws(MockTransportError) {
        add(Rule(matches: try operationPredicate(operationID), answer: .handler(handler)))
    }

    /// Answers requests for operation `operationID` with `responses` in turn, the last one
    /// again for every later request (`.status(503, …)`, then `.json(…)`: one failure, then success).
    /// - Throws: ``MockTransportError`` when the transport has no document, or the document has
    ///   no such operation.
    public func respond(to operationID: String, with first: MockResponse, _ then: MockResponse...) throws(MockTransportError) {
        add(Rule(matches: try operationPredicate(operationID), answer: .canned([first] + then, used: 0)))
    }

    /// Answers each operation of `table` (operation id → response) with its response.
    /// - Throws: ``MockTransportError`` for the first id the document does not have; none of
    ///   the table's rules is added then.
    public func respond(_ table: [String: MockResponse]) throws(MockTransportError) {
        let rules = try table.sorted { $0.key < $1.key }.map { (id, response) throws(MockTransportError) in
            Rule(matches: try operationPredicate(id), answer: .canned([response], used: 0))
        }
        for rule in rules { add(rule) }
    }

    /// Answers every request that `predicate` accepts with `handler`.
    public func respond(when predicate: @escaping @Sendable (MockRequest) -> Bool, with handler: @escaping Handler) {
        add(Rule(matches: predicate, answer: .handler(handler)))
    }

    /// Answers requests that `predicate` accepts with `responses` in turn, the last one again
    /// for every later request.
    public func respond(when predicate: @escaping @Sendable (MockRequest) -> Bool, with first: MockResponse, _ then: MockResponse...) {
        add(Rule(matches: predicate, answer: .canned([first] + then, used: 0)))
    }

    // MARK: Recorded requests

    /// Every request received so far, in order.
    public var requests: [MockRequest] {
        lock.withLock { received }
    }

    /// The requests received so far for operation `operationID`, in order.
    public func requests(for operationID: String) -> [MockRequest] {
        requests.filter { $0.operationID == operationID }
    }

    // MARK: HTTPTransport

    /// Records `request` and answers it from the rules.
    /// - Throws: what the matching handler throws, `CancellationError` when the task is
    ///   cancelled, and ``HTTPTransportError/responseTooLarge(limit:)`` when the body passes
    ///   the request's limit.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let response = try await answer(request)
        if let limit = request.maximumResponseBytes, response.body.count > limit {
            throw HTTPTransportError.responseTooLarge(limit: limit)
        }
        return TransportResponse(status: response.status, headers: response.headers, body: response.body)
    }

    /// Records `request` and answers it from the rules, the body in the response's chunks.
    /// - Throws: what the matching handler throws, and `CancellationError` when the task is cancelled.
    public func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        let response = try await answer(request)
        let chunks = response.chunks
        let body = AsyncStream<Data> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        return TransportStreamedResponse(status: response.status, headers: response.headers, body: ResponseBodyStream(body))
    }

    // MARK: Answering

    private func answer(_ request: TransportRequest) async throws -> MockResponse {
        try Task.checkCancellation()
        let matched = try? operations?.get().match(method: request.method, url: request.url)
        let (mock, snapshot) = lock.withLock { () -> (MockRequest, [Rule]) in
            let mock = MockRequest(
                request: request, number: received.count + 1, operationID: matched?.operationID, pathParameters: matched?.parameters ?? [:]
            )
            received.append(mock)
            return (mock, rules)
        }
        // Predicates run outside the lock, so one may look at `requests`; rules are only ever
        // appended, so an index into the snapshot is an index into `rules`.
        let index = snapshot.lastIndex { $0.matches(mock) }
        let answer = index.map { index in
            lock.withLock { () -> Answer in
                let answer = rules[index].answer
                if case let .canned(responses, used) = answer {
                    rules[index].answer = .canned(responses, used: used + 1)
                }
                return answer
            }
        }
        switch answer {
        case let .handler(handler)?:
            return try await handler(mock)
        case let .canned(responses, used)?:
            return responses[min(used, responses.count - 1)]
        case nil:
            return Self.unmatched(mock)
        }
    }

    /// The 501 that answers a request no rule matches.
    private static func unmatched(_ request: MockRequest) -> MockResponse {
        let operation = request.operationID.map { " (operation \($0))" } ?? ""
        let text = "MockTransport has no response for \(request.method) \(request.url.absoluteString)\(operation): add one with respond(to:with:) or respond(when:with:)"
        return .data(Data(text.utf8), contentType: "text/plain; charset=utf-8", status: 501)
    }

    private func add(_ rule: Rule) {
        lock.withLock { rules.append(rule) }
    }

    /// A predicate accepting the requests matched to `operationID`.
    private func operationPredicate(_ operationID: String) throws(MockTransportError) -> @Sendable (MockRequest) -> Bool {
        guard let operations else { throw .noDocument(operationID: operationID) }
        let matcher = try operations.get()
        guard matcher.operationIDs.contains(operationID) else {
            let suggestion = matcher.operationIDs.first { $0.caseInsensitiveCompare(operationID) == .orderedSame }
            throw .unknownOperation(operationID, suggestion: suggestion)
        }
        return { $0.operationID == operationID }
    }
}
