import Foundation

/// How the stub behaves: its data, the token it accepts, its default page size and the faults it injects.
public struct StubConfiguration: Sendable {
    /// The number of sample customers.
    public var customerCount: Int
    /// The page size when a request gives no `size`.
    public var defaultPageSize: Int
    /// The bearer token requests must carry; nil accepts any non-empty token.
    public var acceptedToken: String?
    /// Faults injected on purpose, for tests and for trying a client's error handling.
    public var faults: [Fault]

    public init(customerCount: Int = 2_400, defaultPageSize: Int = 100, acceptedToken: String? = nil, faults: [Fault] = []) {
        self.customerCount = customerCount
        self.defaultPageSize = defaultPageSize
        self.acceptedToken = acceptedToken
        self.faults = faults
    }
}

/// A fault the stub injects into the responses of `GET /v1/customers`.
public enum Fault: Sendable, Hashable {
    /// Answer requests number `requests` (1-based, counted over the stub's life) with 429
    /// and `Retry-After: retryAfterSeconds`.
    case throttle(requests: Set<Int>, retryAfterSeconds: Int)
    /// Answer requests number `requests` with `status` and a Partner Center error body.
    case serverError(requests: Set<Int>, status: Int)
    /// Answer requests number `requests` with a body that is not valid JSON.
    case malformedBody(requests: Set<Int>)
    /// Answer requests number `requests` with customers whose `id` is a number (breaks the spec).
    case invalidCustomer(requests: Set<Int>)
    /// Wait before answering every request.
    case delay(milliseconds: Int)
}
