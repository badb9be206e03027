import APIRuntime
import Foundation

/// A failure a ``FaultInjectingTransport`` injects, and the requests it hits.
///
/// ```swift
/// Fault.unavailable(retryAfter: 2, on: .first(1))     // the first request: 503, Retry-After: 2
/// Fault.dropConnection(on: .every(3))                 // requests 3, 6, 9…: the connection is lost
/// Fault.latency(.milliseconds(200), on: .only([2]))   // request 2 waits 200 ms more
/// ```
public struct Fault: Sendable, Hashable {
    /// What happens to a request the fault hits.
    public enum Effect: Sendable, Hashable {
        /// The request waits this long before going on (latency faults add up).
        case latency(Duration)
        /// The request is not sent; it fails with `URLError(.networkConnectionLost)`.
        case dropConnection
        /// The request is sent and the server's answer lost: it fails with
        /// `URLError(.networkConnectionLost)` afterwards (the server did act on it).
        case dropResponse
        /// The request is not sent; this response answers it.
        case respond(status: Int, headers: [HeaderField], body: Data)
    }

    /// What happens.
    public var effect: Effect
    /// The requests it happens to.
    public var requests: RequestNumbers

    /// Creates a fault.
    /// - Parameters:
    ///   - effect: What happens to a request it hits.
    ///   - requests: Which requests it hits, by number.
    public init(_ effect: Effect, on requests: RequestNumbers) {
        self.effect = effect
        self.requests = requests
    }

    /// The requests wait `duration` more (through the transport's `sleep`).
    public static func latency(_ duration: Duration, on requests: RequestNumbers = .all) -> Fault {
        Fault(.latency(duration), on: requests)
    }

    /// The requests are not sent and fail with `URLError(.networkConnectionLost)`.
    public static func dropConnection(on requests: RequestNumbers) -> Fault {
        Fault(.dropConnection, on: requests)
    }

    /// The requests are sent, then fail with `URLError(.networkConnectionLost)`.
    public static func dropResponse(on requests: RequestNumbers) -> Fault {
        Fault(.dropResponse, on: requests)
    }

    /// The requests are answered 429 Too Many Requests, with `Retry-After: seconds` when given.
    public static func throttle(retryAfter seconds: Int?, on requests: RequestNumbers) -> Fault {
        status(429, retryAfter: seconds.map(String.init), on: requests)
    }

    /// The requests are answered 503 Service Unavailable, with `Retry-After: seconds` when given.
    public static func unavailable(retryAfter seconds: Int?, on requests: RequestNumbers) -> Fault {
        status(503, retryAfter: seconds.map(String.init), on: requests)
    }

    /// The requests are answered `status`, with a `Retry-After` of `retryAfter` (seconds or an
    /// HTTP date) when given, and a small JSON body in Partner Center's error shape
    /// (`{"statusCode":…,"message":…}`).
    public static func status(_ status: Int, retryAfter: String? = nil, on requests: RequestNumbers) -> Fault {
        let body = #"{"statusCode":\#(status),"message":"injected by FaultInjectingTransport"}"#
        let headers = [HeaderField(name: "Content-Type", value: "application/json; charset=utf-8")]
            + (retryAfter.map { [HeaderField(name: "Retry-After", value: $0)] } ?? [])
        return Fault(.respond(status: status, headers: headers, body: Data(body.utf8)), on: requests)
    }
}

/// Which requests a ``Fault`` hits, by their number: the first request a
/// ``FaultInjectingTransport`` receives is 1, retries included.
public enum RequestNumbers: Sendable, Hashable {
    /// Every request.
    case all
    /// Requests 1 to `n`.
    case first(Int)
    /// Requests `n`, `2n`, `3n`… (none when `n` < 1).
    case every(Int)
    /// These requests.
    case only(Set<Int>)

    /// Whether request `number` is one of these.
    public func contains(_ number: Int) -> Bool {
        switch self {
        case .all: true
        case let .first(count): number <= count
        case let .every(interval): interval > 0 && number % interval == 0
        case let .only(numbers): numbers.contains(number)
        }
    }
}

/// A fault that a ``FaultInjectingTransport`` injected.
public struct InjectedFault: Sendable, Hashable {
    /// The request's number, from 1.
    public var requestNumber: Int
    /// What was done to it.
    public var effect: Fault.Effect
}
