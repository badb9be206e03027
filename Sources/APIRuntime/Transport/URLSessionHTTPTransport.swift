import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport, on `URLSession` (FoundationNetworking on Linux).
///
/// With the session it creates itself, the transport reads each body as it arrives and stops
/// at the request's ``TransportRequest/maximumResponseBytes`` (announced by `Content-Length` or
/// counted while reading, after decompression), so no response can take unbounded memory.
/// A session passed in by the caller keeps its own delegate: its bodies are read whole and
/// the limit is checked once they have arrived.
///
/// Streamed responses (``stream(_:)``) go, on Linux with the transport's own session, through
/// libcurl directly (the library FoundationNetworking is built on, which then costs a fraction
/// of the CPU and holds a server back while the caller is behind); otherwise through a second
/// session of the transport's own, with the same configuration, whose delegate hands each body
/// on in chunks.
public final class URLSessionHTTPTransport: HTTPTransport {
    private let session: URLSession
    private let collector: BodyCollector?
    private let streamingSession: URLSession
    private let streamer = BodyStreamer()

    /// Creates a transport on `session`; by default an ephemeral session without caching.
    public init(session: URLSession? = nil) {
        if let session {
            self.session = session
            collector = nil
        } else {
            let collector = BodyCollector()
            self.session = URLSession(configuration: Self.defaultConfiguration, delegate: collector, delegateQueue: nil)
            self.collector = collector
        }
        streamingSession = URLSession(configuration: session?.configuration ?? Self.defaultConfiguration, delegate: streamer, delegateQueue: nil)
    }

    private static var defaultConfiguration: URLSessionConfiguration {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        return configuration
    }

    deinit {
        // A session holds its delegate until it is invalidated.
        if collector != nil { session.finishTasksAndInvalidate() }
        streamingSession.finishTasksAndInvalidate()
    }

    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let urlRequest = Self.urlRequest(for: request)
        let limit = request.maximumResponseBytes
        return try await withDeadline(request.timeout) { try await self.perform(urlRequest, limit: limit) }
    }

    /// Sends `request` and returns once the response head has arrived; the body streams.
    ///
    /// The request's ``TransportRequest/timeout`` bounds the wait for the head; after it, the
    /// timeout rounded up to whole seconds, plus one, bounds each silence of the server. Up to
    /// 4 MiB of the body wait in memory for a caller that is behind. On Linux, with the
    /// transport's own session, the transfer runs on libcurl directly (the library
    /// FoundationNetworking is built on) and reads no further until the caller has caught up,
    /// which holds the server back. Otherwise (a session of the caller's, or a process without
    /// libcurl's functions) FoundationNetworking cannot pause a transfer: what arrives beyond
    /// waits in a temporary file (removed from its directory at once, closed at the end), so
    /// the transfer never stalls.
    /// ``TransportRequest/maximumResponseBytes`` does not apply: streamed bodies are meant to be large.
    ///
    /// Cancelling the task that reads the body, or dropping the body before its end, cancels
    /// the transfer; a connection that fails mid-body makes the iteration throw.
    /// - Throws: when no response head arrives (connection failure, timeout, cancellation).
    public func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        let lifetime = StreamedChunks.Lifetime(streamBuffer(for: request))
        let head = try await withDeadline(request.timeout) { try await lifetime.buffer.head() }
        let (status, headers) = try Self.statusAndHeaders(of: head)
        return TransportStreamedResponse(status: status, headers: headers, body: ResponseBodyStream(StreamedChunks(lifetime: lifetime)))
    }

    /// Where `request`'s streamed body arrives. On Linux, with the transport's own session, the
    /// transfer runs on libcurl directly (``CurlTransfer``): FoundationNetworking's own path costs
    /// several times the CPU per byte, and cannot hold a server back.
    private func streamBuffer(for request: TransportRequest) -> ChunkBuffer {
        #if canImport(FoundationNetworking) && canImport(CCurl)
        if collector != nil, let buffer = CurlTransfer.buffer(for: request) { return buffer }
        #endif
        return streamer.buffer(for: streamingSession.dataTask(with: Self.urlRequest(for: request)))
    }

    /// Sends `request` on a download task, whose body is written to a temporary file as it
    /// arrives and then replaces `fileURL` (see ``HTTPTransport/download(_:to:)``).
    ///
    /// Unlike ``stream(_:)``, memory stays flat however fast the server sends: the session
    /// writes the body on its own thread, so the transfer waits for the disk. The request's
    /// ``TransportRequest/timeout``, rounded up to whole seconds, plus one, bounds each silence of
    /// the server, the wait for the head included. ``TransportRequest/maximumResponseBytes`` bounds
    /// only the body of an error status, which is returned; nothing is written then.
    public func download(_ request: TransportRequest, to fileURL: URL) async throws -> TransportResponse {
        let task = streamingSession.downloadTask(with: Self.urlRequest(for: request))
        return try await streamer.download(for: task, to: fileURL, errorBodyLimit: request.maximumResponseBytes).run()
    }

    private static func urlRequest(for request: TransportRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        // FoundationNetworking (Linux) truncates `timeoutInterval` to whole seconds, so that
        // 0.3 s times out at once and 1.5 s after 1 s: the deadline is kept here, and URLSession
        // gets a whole-second backstop beyond it (for a streamed body: the longest silence).
        urlRequest.timeoutInterval = request.timeout.wholeSecondsBackstop
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        return urlRequest
    }

    private func perform(_ urlRequest: URLRequest, limit: Int?) async throws -> TransportResponse {
        guard let collector else {
            let (data, response) = try await session.data(for: urlRequest)
            if let limit, data.count > limit { throw HTTPTransportError.responseTooLarge(limit: limit) }
            return try Self.response(response, body: data)
        }
        let task = session.dataTask(with: urlRequest)
        let (data, response) = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                collector.start(task, limit: limit, continuation: continuation)
            }
        } onCancel: {
            collector.cancel(task)
        }
        return try Self.response(response, body: data)
    }

    private static func response(_ response: URLResponse?, body: Data) throws -> TransportResponse {
        let (status, headers) = try statusAndHeaders(of: response)
        return TransportResponse(status: status, headers: headers, body: body)
    }

    private static func statusAndHeaders(of response: URLResponse?) throws -> (Int, [HeaderField]) {
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        return (http.statusCode, headers(of: http))
    }

    /// The header fields of `response`, sorted by name.
    static func headers(of response: HTTPURLResponse) -> [HeaderField] {
        response.allHeaderFields.compactMap { key, value -> HeaderField? in
            guard let name = key as? String else { return nil }
            return HeaderField(name: name, value: "\(value)")
        }.sorted { $0.name.lowercased() < $1.name.lowercased() }
    }
}

/// The session's delegate: collects each task's body up to its limit and completes its caller.
private final class BodyCollector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private struct Pending {
        var limit: Int?
        var body = Data()
        var response: URLResponse?
        var tooLarge = false
        var continuation: CheckedContinuation<(Data, URLResponse?), any Error>
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    /// Tasks cancelled before they started (a cancelled call whose task had not run yet).
    private var cancelledEarly: Set<Int> = []
    /// Where tasks are resumed and cancelled, in order. FoundationNetworking's `resume()` and
    /// `cancel()` wait for the one queue all its sessions share, which a transfer can hold:
    /// called from Swift concurrency's few threads, they would stall every task of the process.
    private let control = DispatchQueue(label: "URLSessionHTTPTransport.send")

    /// Registers `task` and resumes it; `continuation` is resumed when it completes.
    func start(_ task: URLSessionDataTask, limit: Int?, continuation: CheckedContinuation<(Data, URLResponse?), any Error>) {
        let cancelled = lock.withLock {
            if cancelledEarly.remove(task.taskIdentifier) != nil { return true }
            pending[task.taskIdentifier] = Pending(limit: limit, continuation: continuation)
            return false
        }
        if cancelled {
            continuation.resume(throwing: URLError(.cancelled))
        } else {
            control.async { task.resume() }
        }
    }

    /// Cancels `task`; one that has not started never will (URLSession would run a task
    /// resumed after its `cancel()`, and the control queue keeps a resume before its cancel).
    func cancel(_ task: URLSessionDataTask) {
        lock.withLock {
            if pending[task.taskIdentifier] == nil { cancelledEarly.insert(task.taskIdentifier) }
        }
        control.async { task.cancel() }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        let allowed = lock.withLock { () -> Bool in
            guard var entry = pending[dataTask.taskIdentifier] else { return false }
            entry.response = response
            // An announced length over the limit is refused before any of the body is read.
            if let limit = entry.limit, response.expectedContentLength > Int64(limit) { entry.tooLarge = true }
            pending[dataTask.taskIdentifier] = entry
            return !entry.tooLarge
        }
        completionHandler(allowed ? .allow : .cancel)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let exceeded = lock.withLock { () -> Bool in
            // Taken out of the dictionary, the body is the only reference to its bytes and grows
            // in place; a copy would be copied whole at each chunk (quadratic in the body's size).
            guard var entry = pending.removeValue(forKey: dataTask.taskIdentifier) else { return false }
            defer { pending[dataTask.taskIdentifier] = entry }
            guard !entry.tooLarge else { return false }
            if let limit = entry.limit, entry.body.count + data.count > limit {
                entry.tooLarge = true
                entry.body = Data()
            } else {
                entry.body.append(data)
            }
            return entry.tooLarge
        }
        if exceeded { control.async { dataTask.cancel() } }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let entry = lock.withLock({ pending.removeValue(forKey: task.taskIdentifier) }) else { return }
        if entry.tooLarge, let limit = entry.limit {
            entry.continuation.resume(throwing: HTTPTransportError.responseTooLarge(limit: limit))
        } else if let error {
            entry.continuation.resume(throwing: error)
        } else {
            entry.continuation.resume(returning: (entry.body, entry.response))
        }
    }
}
