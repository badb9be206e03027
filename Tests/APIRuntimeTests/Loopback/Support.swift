import APIRuntime
import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
import LocalHTTPServer
import Testing

// Shared helpers for the loopback tests (the compiled spec they call is in TestDocument.swift): a recording server on
// 127.0.0.1, a recording sleep, a counting token provider and a recording observer.

// MARK: - Models of the test document

struct Thing: Decodable, Sendable, Equatable {
    var id: String
    var name: String?
    var count: Int?
    var weight: Double?
}

struct ThingCollection: Decodable, Sendable {
    var totalCount: Int?
    var items: [Thing]
    var links: Links?

    struct Links: Decodable, Sendable {
        var next: Link?
    }

    struct Link: Decodable, Sendable {
        var uri: String
        var method: String?
        var headers: [KeyValuePair]?
    }

    struct KeyValuePair: Decodable, Sendable {
        var key: String?
        var value: String?
    }
}

// MARK: - Server

/// A `LocalHTTPServer` that records every request it receives, in order, thread-safely.
///
/// The handler gets the request and its 0-based index among the requests received.
final class LoopbackServer: @unchecked Sendable {
    private let lock = NSLock()
    private var received: [HTTPServerRequest] = []
    private var server: LocalHTTPServer?

    init(_ handler: @escaping @Sendable (HTTPServerRequest, Int) -> HTTPServerResponse) throws {
        // Connections stay open however long a busy machine takes between two calls (the
        // connection-reuse tests count them).
        server = try LocalHTTPServer(port: 0, limits: LocalHTTPServer.Limits(idleTimeout: .seconds(600))) { [weak self] request in
            guard let self else { return HTTPServerResponse(status: 500) }
            let index = self.record(request)
            return handler(request, index)
        }
    }

    /// A socket bound to a loopback port and never listening: connections to it are refused,
    /// and no other server can take the port while it is held (a stopped server's port can
    /// be taken by the next test's server, which would then answer).
    private var refusingSocket: Int32?
    private var refusingURL: URL?

    private init(refusingSocket: Int32, url: URL) {
        self.refusingSocket = refusingSocket
        refusingURL = url
    }

    deinit {
        if let refusingSocket { close(refusingSocket) }
    }

    /// An address on 127.0.0.1 where every connection is refused.
    static func refusingConnections() throws -> LoopbackServer {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        return LoopbackServer(refusingSocket: descriptor, url: URL(string: "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))")!)
    }

    private func record(_ request: HTTPServerRequest) -> Int {
        lock.withLock {
            received.append(request)
            return received.count - 1
        }
    }

    /// `http://127.0.0.1:PORT`.
    var baseURL: URL { refusingURL ?? server?.baseURL ?? URL(fileURLWithPath: "/") }

    /// The requests received so far.
    var requests: [HTTPServerRequest] { lock.withLock { received } }

    var requestCount: Int { lock.withLock { received.count } }

    /// Waits (polling) until `count` requests have arrived or `timeout` passes.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(20)) async {
        let deadline = ContinuousClock.now + timeout
        while requestCount < count, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    func stop() {
        server?.stop()
    }
}

/// Blocks a server thread until opened or until its timeout passes (a slow server that
/// the test can release when it ends).
final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)

    /// Waits for `open()`, at most `seconds`.
    func wait(seconds: Double) {
        _ = semaphore.wait(timeout: .now() + seconds)
    }

    /// Releases every waiting thread (up to 64).
    func open() {
        for _ in 0..<64 { semaphore.signal() }
    }
}

extension HTTPServerResponse {
    /// A 200 JSON response.
    static func ok(_ json: String, headers: [(name: String, value: String)] = []) -> HTTPServerResponse {
        .json(200, json, headers: headers)
    }

    /// A response with the given status, Content-Type and raw body.
    static func raw(_ status: Int, contentType: String?, _ body: Data, headers: [(name: String, value: String)] = []) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: (contentType.map { [("Content-Type", $0)] } ?? []) + headers, body: body)
    }
}

// MARK: - Injected clock, token provider, observer

/// Hands out `token-1`, `token-2`, … (or a fixed token) and records each request's `refresh` flag.
final class CountingTokenProvider: TokenProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var flags: [Bool] = []
    private let fixed: String?

    init(fixed: String? = nil) {
        self.fixed = fixed
    }

    /// The `refresh` argument of each call, in order.
    var refreshFlags: [Bool] { lock.withLock { flags } }

    func token(refresh: Bool) async throws -> String {
        let count = lock.withLock {
            flags.append(refresh)
            return flags.count
        }
        return fixed ?? "token-\(count)"
    }
}

/// Collects `APIEvent`s from `Configuration.observer`.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [APIEvent] = []

    var events: [APIEvent] { lock.withLock { recorded } }

    var observer: @Sendable (APIEvent) -> Void {
        { [self] event in lock.withLock { recorded.append(event) } }
    }
}

// MARK: - Clients and errors

/// A client of the test document against `server`, with no real sleeping between retries.
/// Its timeouts are far longer than the defaults: with every suite running at once on a busy
/// machine (under a sanitizer), one call can wait minutes for a thread. The tests of timeouts
/// set their own.
func makeClient(
    _ server: LoopbackServer, tokenProvider: (any TokenProvider)? = StaticTokenProvider("test-token"),
    configure: (inout APIClient.Configuration) -> Void = { _ in }
) -> APIClient {
    var configuration = APIClient.Configuration(transport: makeTransport(), requestTimeout: .seconds(600), callTimeout: .seconds(3_600), sleep: { _ in })
    configure(&configuration)
    return APIClient(document: TestDocument.document, baseURL: server.baseURL, tokenProvider: tokenProvider, configuration: configuration)
}

/// The transport the loopback suites run over: URLSession's, or async-http-client's in a
/// build with the `AsyncHTTPClientTransport` trait (`swift test --traits AsyncHTTPClientTransport,CommandLineTool`).
func makeTransport() -> any HTTPTransport {
    #if AsyncHTTPClientTransport
    AsyncHTTPClientHTTPTransport()
    #else
    URLSessionHTTPTransport()
    #endif
}

/// The thing listing with `size` and a filter.
func listParameters(size: Int? = 2, prefix: String = "a") -> [String: JSONValue?] {
    ["size": size.map(JSONValue.integer), "filter": TestDocument.filter(prefix)]
}

/// A collection page as JSON text: things with the given ids, and a next link when given.
func pageJSON(ids: [String], nextURI: String? = nil, continuationToken: String? = nil) -> String {
    let items = ids.map { #"{"id":"\#($0)","name":"thing \#($0)"}"# }.joined(separator: ",")
    guard let nextURI else { return #"{"totalCount":\#(ids.count),"items":[\#(items)]}"# }
    let headers = continuationToken.map { #"[{"key":"MS-ContinuationToken","value":"\#($0)"}]"# } ?? "[]"
    return #"{"totalCount":\#(ids.count),"items":[\#(items)],"links":{"next":{"uri":"\#(nextURI)","method":"GET","headers":\#(headers)}}}"#
}

extension APIError.Kind {
    /// The case's name, for `#expect`.
    var name: String {
        switch self {
        case .invalidRequest: "invalidRequest"
        case .invalidDocument: "invalidDocument"
        case .transport: "transport"
        case .timeout: "timeout"
        case .cancelled: "cancelled"
        case .status: "status"
        case .malformedResponse: "malformedResponse"
        case .invalidResponse: "invalidResponse"
        case .decoding: "decoding"
        case .pagingLoop: "pagingLoop"
        case .tokenRefused: "tokenRefused"
        case .responseTooLarge: "responseTooLarge"
        case .undeclaredStatus: "undeclaredStatus"
        case .jobFailed: "jobFailed"
        case .jobUnfinished: "jobUnfinished"
        case .resultFileRefused: "resultFileRefused"
        }
    }

    var invalidRequestProblems: [String]? {
        if case let .invalidRequest(problems) = self { problems } else { nil }
    }

    var statusBody: (status: Int, body: APIErrorBody?)? {
        if case let .status(status, body) = self { (status, body) } else { nil }
    }

    var tokenRefusal: (status: Int, body: APIErrorBody?)? {
        if case let .tokenRefused(status, body) = self { (status, body) } else { nil }
    }

    var violations: [SchemaViolation]? {
        if case let .invalidResponse(violations) = self { violations } else { nil }
    }

    /// The problem text of a malformed-response, decoding, transport or paging-loop error.
    var problem: String? {
        switch self {
        case let .malformedResponse(text), let .decoding(text), let .transport(text), let .pagingLoop(text): text
        default: nil
        }
    }
}

/// Every rendering of `error` a log or a user might see.
func renderings(of error: any Error) -> [String] {
    var dumped = ""
    dump(error, to: &dumped)
    return [String(describing: error), String(reflecting: error), error.localizedDescription, "\(error)", dumped]
}

/// `Duration` as seconds, for range checks.
extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
