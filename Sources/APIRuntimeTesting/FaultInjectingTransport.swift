import APIRuntime
import Foundation

/// A transport that wraps another and injects failures into chosen requests: latency,
/// dropped connections, and error answers such as 429 or 503 with `Retry-After`.
///
/// Faults are chosen by request number, so a run is deterministic:
///
/// ```swift
/// let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [
///     .unavailable(retryAfter: 1, on: .first(1)),
///     .dropConnection(on: .only([3])),
/// ])
/// ```
///
/// For each request, the latency of every fault that hits it is waited first (through
/// `sleep`); then the first other fault that hits it, in the order given, decides what
/// happens; with none, the request goes to the wrapped transport. ``send(_:)``, ``stream(_:)``
/// and ``download(_:to:)`` all go to the wrapped transport's own method, so streaming and
/// downloads keep its behaviour. It is safe to use from any number of tasks at once.
public final class FaultInjectingTransport: HTTPTransport, @unchecked Sendable {
    private let wrapped: any HTTPTransport
    private let faults: [Fault]
    private let sleep: @Sendable (Duration) async throws -> Void
    private let lock = NSLock()
    private var count = 0
    private var log: [InjectedFault] = []

    /// Creates a transport.
    /// - Parameters:
    ///   - wrapped: The transport requests go to when no fault stops them.
    ///   - faults: The faults, in order of precedence.
    ///   - sleep: Waits out latency; tests may inject one that records instead of sleeping.
    public init(
        wrapping wrapped: any HTTPTransport, faults: [Fault],
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.wrapped = wrapped
        self.faults = faults
        self.sleep = sleep
    }

    /// How many requests it has received.
    public var requestCount: Int {
        lock.withLock { count }
    }

    /// The faults injected so far, in order.
    public var injected: [InjectedFault] {
        lock.withLock { log }
    }

    /// Sends `request` through the wrapped transport's ``HTTPTransport/send(_:)``, unless a fault stops it.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await run(
            request, answer: { TransportResponse(status: $0, headers: $1, body: $2) }, send: { try await self.wrapped.send(request) },
            sendAndDiscard: { _ = try await self.wrapped.send(request) }
        )
    }

    /// Streams `request` through the wrapped transport's ``HTTPTransport/stream(_:)``, unless a fault stops it.
    public func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        try await run(
            request, answer: { TransportStreamedResponse(status: $0, headers: $1, body: ResponseBodyStream($2)) }, send: { try await self.wrapped.stream(request) },
            sendAndDiscard: { try await self.streamAndDiscard(request) }
        )
    }

    /// Downloads `request` through the wrapped transport's ``HTTPTransport/download(_:to:)``,
    /// unless a fault stops it. An injected success answer's body is written to `fileURL`; a
    /// dropped response leaves `fileURL` as it was (its body is read and discarded).
    public func download(_ request: TransportRequest, to fileURL: URL) async throws -> TransportResponse {
        try await run(
            request,
            answer: { status, headers, body in
                guard (200...299).contains(status) else { return TransportResponse(status: status, headers: headers, body: body) }
                try body.write(to: fileURL, options: .atomic)
                return TransportResponse(status: status, headers: headers)
            },
            send: { try await self.wrapped.download(request, to: fileURL) },
            sendAndDiscard: { try await self.streamAndDiscard(request) }
        )
    }

    /// Applies the faults that hit the next request: `answer` builds an injected response,
    /// `send` passes the request on, `sendAndDiscard` passes it on for a response that is lost.
    private func run<Response>(
        _ request: TransportRequest, answer: (Int, [HeaderField], Data) throws -> Response, send: () async throws -> Response,
        sendAndDiscard: () async throws -> Void
    ) async throws -> Response {
        let effects = lock.withLock { () -> [Fault.Effect] in
            count += 1
            let number = count
            let latencies = faults.filter { $0.requests.contains(number) && Self.isLatency($0.effect) }.map(\.effect)
            let decisive = faults.first { $0.requests.contains(number) && !Self.isLatency($0.effect) }.map(\.effect)
            let effects = latencies + (decisive.map { [$0] } ?? [])
            log += effects.map { InjectedFault(requestNumber: number, effect: $0) }
            return effects
        }
        for effect in effects {
            switch effect {
            case let .latency(duration):
                try await sleep(duration)
            case .dropConnection:
                throw URLError(.networkConnectionLost)
            case .dropResponse:
                try await sendAndDiscard()
                throw URLError(.networkConnectionLost)
            case let .respond(status, headers, body):
                return try answer(status, headers, body)
            }
        }
        return try await send()
    }

    /// Streams `request` through the wrapped transport and reads its body to the end, unkept,
    /// so the transfer finishes as the server sent it.
    private func streamAndDiscard(_ request: TransportRequest) async throws {
        for try await _ in try await wrapped.stream(request).body {}
    }

    private static func isLatency(_ effect: Fault.Effect) -> Bool {
        if case .latency = effect { return true }
        return false
    }
}
