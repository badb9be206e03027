import Foundation

/// How the stub behaves: its data, the token it accepts, its default page size and the faults it injects.
public struct StubConfiguration: Sendable {
    /// The number of sample customers.
    public var customerCount: Int
    /// The page size when a request gives no `size`.
    public var defaultPageSize: Int
    /// The bearer token requests must carry, besides the access tokens the stub's own token
    /// endpoint issued; nil accepts any non-empty token.
    public var acceptedToken: String?
    /// Faults injected on purpose, for tests and for trying a client's error handling.
    public var faults: [Fault]
    /// How its identity endpoints answer a device-code sign-in.
    public var signIn: SignInBehaviour
    /// The least size of an invoice statement PDF, padded to it (0: as small as it is, about
    /// 1 KB); for trying downloads of any size.
    public var statementBytes: Int
    /// The records of each billing export (Microsoft Graph's reconciliation and usage exports).
    public var exportLines: Int
    /// The records per blob of an export (a large export is several files).
    public var exportLinesPerBlob: Int
    /// How many reads of an export's operation answer `running` before it ends.
    public var exportPolls: Int

    public init(
        customerCount: Int = 2_400, defaultPageSize: Int = 100, acceptedToken: String? = nil, faults: [Fault] = [],
        signIn: SignInBehaviour = SignInBehaviour(), statementBytes: Int = 0, exportLines: Int = 1_000, exportLinesPerBlob: Int = 50_000,
        exportPolls: Int = 2
    ) {
        self.exportLines = max(0, exportLines)
        self.exportLinesPerBlob = max(1, exportLinesPerBlob)
        self.exportPolls = max(0, exportPolls)
        self.customerCount = customerCount
        self.defaultPageSize = defaultPageSize
        self.acceptedToken = acceptedToken
        self.faults = faults
        self.signIn = signIn
        self.statementBytes = statementBytes
    }
}

/// A fault the stub injects into the responses of `GET /v1/customers`.
public enum Fault: Sendable, Hashable {
    /// Answer the chosen requests with 429 and `Retry-After: retryAfterSeconds`.
    case throttle(requests: Requests, retryAfterSeconds: Int)
    /// Answer the chosen requests with `status` and a Partner Center error body.
    case serverError(requests: Requests, status: Int)
    /// Answer the chosen requests with a body that is not valid JSON.
    case malformedBody(requests: Requests)
    /// Answer the chosen requests with customers whose `id` is a number (breaks the spec).
    case invalidCustomer(requests: Requests)
    /// Wait before answering every request, sign-in requests included.
    case delay(milliseconds: Int)
}

/// Which requests a fault hits, counted from 1 over the stub's life: `[1, 3]`, `.range(1...10)`
/// or `.every(5)` (the 5th, 10th, …).
public enum Requests: Sendable, Hashable, ExpressibleByArrayLiteral {
    case numbers(Set<Int>)
    case range(ClosedRange<Int>)
    case every(Int)

    public init(arrayLiteral elements: Int...) {
        self = .numbers(Set(elements))
    }

    /// Whether request number `number` is hit.
    public func contains(_ number: Int) -> Bool {
        switch self {
        case let .numbers(numbers): numbers.contains(number)
        case let .range(range): range.contains(number)
        case let .every(interval): interval > 0 && number % interval == 0
        }
    }
}
