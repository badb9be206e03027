import Foundation

extension APIClient {
    /// How a client sends requests.
    public struct Configuration: Sendable {
        /// Sends the HTTP requests.
        public var transport: any HTTPTransport
        /// When and how often failed calls are retried.
        public var retry: RetryPolicy
        /// The allowance for retries that all calls of the client share (nil: none, each call
        /// retries as its policy allows). By default a bucket of the client's own.
        public var retryBudget: RetryBudget?
        /// A pause of all new attempts after a 429, shared by the calls of the client (nil,
        /// the default: none; each retried call waits its own `Retry-After`).
        public var pacer: RequestPacer?
        /// The longest one attempt may wait for its response.
        public var requestTimeout: Duration
        /// The longest one call may take, all attempts and waits included.
        public var callTimeout: Duration
        /// Values for the spec's shared headers that the caller chooses (e.g. `X-Locale`,
        /// `MS-CorrelationId`); headers with a fixed value cannot be overridden.
        public var headerValues: [String: String]
        /// The most violations one validation reports.
        public var maximumViolations: Int
        /// What a response that breaks the spec costs the call. By default ``ValidationPolicy/report``:
        /// the service is the authority on what it sends, so a value the spec did not foresee
        /// (a new enum value's neighbour, a number sent as a string) is delivered with its
        /// violations named and logged, rather than failing a job that could have used it.
        /// Choose ``ValidationPolicy/strict`` to fail on any violation.
        public var validation: ValidationPolicy
        /// The largest response body accepted, in bytes (default 64 MiB, far above any
        /// Partner Center page); a larger one is ``APIError/Kind/responseTooLarge(limit:)``
        /// and is not retried. The default transport stops reading at the limit.
        public var maximumResponseBytes: Int
        /// Waits between retries; tests inject one that records instead of sleeping.
        public var sleep: @Sendable (Duration) async throws -> Void
        /// Called after each attempt with what happened (never a header value, so never a token).
        public var observer: (@Sendable (APIEvent) -> Void)?
        /// What is logged, and where (swift-log): nothing by default.
        public var log: LogOptions
        /// Steps every attempt passes through right before the transport, the first outermost
        /// (see ``APIMiddleware``): the middlewares at ``MiddlewarePlacement/beforeTransport``.
        public var middlewares: [any APIMiddleware] {
            get { middlewares(at: .beforeTransport) }
            set { placedMiddlewares[.beforeTransport] = newValue }
        }
        private var placedMiddlewares: [MiddlewarePlacement: [any APIMiddleware]] = [:]
        /// Headers sent with every request besides the spec's, e.g. `MS-PartnerCenter-Client`;
        /// one named like a shared header of the spec replaces it. Checked like every header:
        /// a value with CR, LF or NUL is refused.
        public var additionalHeaders: [HeaderField]

        public init(
            transport: any HTTPTransport = URLSessionHTTPTransport(),
            retry: RetryPolicy = RetryPolicy(),
            retryBudget: RetryBudget? = RetryBudget(),
            pacer: RequestPacer? = nil,
            requestTimeout: Duration = .seconds(60),
            callTimeout: Duration = .seconds(300),
            headerValues: [String: String] = [:],
            maximumViolations: Int = 20,
            validation: ValidationPolicy = .report,
            maximumResponseBytes: Int = 64 * 1024 * 1024,
            sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
            observer: (@Sendable (APIEvent) -> Void)? = nil,
            log: LogOptions = LogOptions(),
            middlewares: [any APIMiddleware] = [],
            additionalHeaders: [HeaderField] = []
        ) {
            self.transport = transport
            self.retry = retry
            self.retryBudget = retryBudget
            self.pacer = pacer
            self.requestTimeout = requestTimeout
            self.callTimeout = callTimeout
            self.headerValues = headerValues
            self.maximumViolations = maximumViolations
            self.validation = validation
            self.maximumResponseBytes = maximumResponseBytes
            self.sleep = sleep
            self.observer = observer
            self.log = log
            self.additionalHeaders = additionalHeaders
            self.middlewares = middlewares
        }

        /// The middlewares at `placement`, the first outermost.
        public func middlewares(at placement: MiddlewarePlacement) -> [any APIMiddleware] {
            placedMiddlewares[placement] ?? []
        }

        /// Adds `middleware` at `placement`, inside those already there.
        public mutating func add(_ middleware: any APIMiddleware, at placement: MiddlewarePlacement) {
            placedMiddlewares[placement, default: []].append(middleware)
        }
    }
}

/// Which failures are retried, how many times, and how long to wait.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts per call, the first included.
    public var maximumAttempts: Int
    /// The first back-off delay; it doubles per attempt, with jitter, up to `maximumDelay`.
    public var initialDelay: Duration
    public var maximumDelay: Duration
    /// Retrying stops when the waits between attempts, added up, would pass this much time
    /// (the call's timeout bounds the time on the clock, attempts included).
    public var maximumTotalDelay: Duration
    /// Statuses retried for idempotent requests.
    public var retriedStatuses: Set<Int>

    public init(
        maximumAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30),
        maximumTotalDelay: Duration = .seconds(120), retriedStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]
    ) {
        self.maximumAttempts = maximumAttempts
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumTotalDelay = maximumTotalDelay
        self.retriedStatuses = retriedStatuses
    }

    /// No retries.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// The wait before attempt `attempt + 1`: the server's `Retry-After` when given
    /// (seconds or an HTTP date), as given even past `maximumDelay` (waiting less would only
    /// be refused again; `maximumTotalDelay` and the call's timeout still bound it), otherwise
    /// exponential back-off with full jitter.
    func delay(afterAttempt attempt: Int, retryAfter: String?, now: Date = Date()) -> Duration {
        if let retryAfter, let seconds = Self.seconds(fromRetryAfter: retryAfter, now: now) {
            return .seconds(seconds)
        }
        let exponential = initialDelay * (1 << min(attempt - 1, 20))
        let capped = min(exponential, maximumDelay)
        return capped * Double.random(in: 0.5...1.0)
    }

    /// The wait before attempt `attempt + 1` (``delay(afterAttempt:retryAfter:now:)``), or nil
    /// when the policy allows no further attempt: `attempt` is the last, or the wait would take
    /// the waits added up (`waited` so far) past ``maximumTotalDelay``.
    func nextDelay(afterAttempt attempt: Int, retryAfter: String?, waited: Duration) -> Duration? {
        guard attempt < maximumAttempts else { return nil }
        let delay = delay(afterAttempt: attempt, retryAfter: retryAfter)
        return waited + delay <= maximumTotalDelay ? delay : nil
    }

    /// `Retry-After` in seconds: a number of seconds (RFC 9110's whole number, or a fraction as
    /// Microsoft Graph sends: `2.128`), or an HTTP date (RFC 9110) from `now`.
    static func seconds(fromRetryAfter value: String, now: Date) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed), seconds >= 0 { return Double(seconds) }
        if trimmed.first?.isNumber == true, let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now).rounded(.up))
    }
}
