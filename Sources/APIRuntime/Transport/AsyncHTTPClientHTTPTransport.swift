#if AsyncHTTPClientTransport
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A transport on swift-server/async-http-client (SwiftNIO), for servers on Linux that would
/// rather not use FoundationNetworking's `URLSession`. It exists when the package is built
/// with the `AsyncHTTPClientTransport` trait (off by default).
///
/// - ``send(_:)`` reads the body as it arrives and stops at the request's
///   ``TransportRequest/maximumResponseBytes`` (counted after decompression); the request's
///   ``TransportRequest/timeout`` bounds the whole exchange.
/// - ``stream(_:)`` returns once the head has arrived (the timeout bounds that wait) and
///   streams the body at the caller's pace: SwiftNIO reads no further than the caller has
///   taken, so memory stays bounded however fast the server sends. Cancelling the reading task,
///   or dropping the body before its end, cancels the transfer.
/// - ``download(_:to:)`` streams a success body to a file beside the destination, which then
///   replaces it (``HTTPTransport/download(_:to:)``).
///
/// Timeouts are thrown as ``HTTPTransportError/timedOut``; other failures as
/// async-http-client's `HTTPClientError`.
public final class AsyncHTTPClientHTTPTransport: HTTPTransport {
    private let client: HTTPClient

    /// A transport on `client`, which the caller keeps and shuts down; by default a client
    /// shared by the process (never shut down) that accepts gzip and deflate bodies, as
    /// `URLSession` does, and reports a connection that cannot be made at once, leaving the
    /// retrying to the client's ``RetryPolicy`` (async-http-client would otherwise try again
    /// until the request's deadline).
    public init(client: HTTPClient? = nil) {
        self.client = client ?? Self.sharedClient
    }

    private static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.decompression = .enabled(limit: .none)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await Self.mappingTimeouts {
            let response = try await client.execute(Self.clientRequest(for: request), timeout: TimeAmount(request.timeout))
            let limit = request.maximumResponseBytes ?? .max
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: limit)
            } catch is NIOTooManyBytesError {
                throw HTTPTransportError.responseTooLarge(limit: limit)
            }
            return TransportResponse(status: Int(response.status.code), headers: Self.headers(of: response), body: Data(body.readableBytesView))
        }
    }

    public func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        // The deadline of `execute` would bound the body's transfer too: the head's wait is
        // bounded here instead.
        let clientRequest = Self.clientRequest(for: request)
        let response = try await Self.mappingTimeouts {
            try await withDeadline(request.timeout) { [client] in try await client.execute(clientRequest, deadline: .distantFuture) }
        }
        let chunks = ByteBufferChunks(body: response.body)
        return TransportStreamedResponse(status: Int(response.status.code), headers: Self.headers(of: response), body: ResponseBodyStream(chunks))
    }

    private static func clientRequest(for request: TransportRequest) -> HTTPClientRequest {
        var clientRequest = HTTPClientRequest(url: request.url.absoluteString)
        clientRequest.method = HTTPMethod(rawValue: request.method)
        for header in request.headers {
            clientRequest.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            clientRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        return clientRequest
    }

    private static func headers(of response: HTTPClientResponse) -> [HeaderField] {
        response.headers.map { HeaderField(name: $0.name, value: $0.value) }
    }

    /// `work`, with async-http-client's timeouts thrown as ``HTTPTransportError/timedOut``.
    private static func mappingTimeouts<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch let error as HTTPClientError where [.deadlineExceeded, .readTimeout, .connectTimeout].contains(error) {
            throw HTTPTransportError.timedOut
        }
    }
}

/// A streamed body's buffers as `Data` chunks. async-http-client's body allows one iterator
/// in its lifetime (a second is a fatal error); ``ResponseBodyStream`` promises that each new
/// iterator goes on where the last one stopped (`write(to:)` after reading some chunks): all
/// iterators share the body's one iterator, made when the first is.
private struct ByteBufferChunks: AsyncSequence, Sendable {
    typealias Element = Data
    private let shared: SharedIterator

    init(body: HTTPClientResponse.Body) {
        shared = SharedIterator(body: body)
    }

    func makeAsyncIterator() -> Iterator {
        Iterator(shared: shared)
    }

    struct Iterator: AsyncIteratorProtocol {
        fileprivate let shared: SharedIterator

        func next() async throws -> Data? {
            try await shared.next().map { Data($0.readableBytesView) }
        }
    }

    /// The body's one iterator. Its state lives in a class of async-http-client's, so a copy
    /// reads on where the original stopped; iterating from two tasks at once is outside
    /// ``ResponseBodyStream``'s contract, as for every body.
    fileprivate final class SharedIterator: @unchecked Sendable {
        private let lock = NSLock()
        private let body: HTTPClientResponse.Body
        private var iterator: HTTPClientResponse.Body.AsyncIterator?

        init(body: HTTPClientResponse.Body) {
            self.body = body
        }

        func next() async throws -> ByteBuffer? {
            var current = lock.withLock {
                if iterator == nil { iterator = body.makeAsyncIterator() }
                return iterator!
            }
            return try await current.next()
        }
    }
}

extension TimeAmount {
    /// `duration` in nanoseconds.
    fileprivate init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
#endif
