/// The stage that decides whether a failed attempt is sent again, and waits before it: the
/// configuration's `RetryPolicy` (statuses, attempts, back-off, `Retry-After`, a bound on the
/// waits added up), the call's timeout, and the client's `RetryBudget`.
///
/// A request whose effect is unknown after a failure (a 5xx, a timeout, a dropped
/// connection) is sent again only when repeating it is safe (`isIdempotent`); a 429 was not
/// processed and is retried for any method.
struct RetryStage {
    let configuration: APIClient.Configuration
    let operationID: String
    let isIdempotent: Bool
    /// When the call began: its timeout counts from here.
    let started = ContinuousClock.now
    /// The time spent waiting between attempts so far, bounded by the policy's total.
    private var waited = Duration.zero
    /// What the last retry cost the client's budget: given back when it succeeds.
    private var lastRetryCost: Int?

    init(configuration: APIClient.Configuration, operationID: String, isIdempotent: Bool) {
        self.configuration = configuration
        self.operationID = operationID
        self.isIdempotent = isIdempotent
    }

    /// After attempt `attempt` failed without a response: waits and returns true when it is
    /// to be sent again.
    mutating func mayRetry(after failure: APIError.Kind, attempt: Int, context: CallContext) async throws(APIError) -> Bool {
        guard isIdempotent else { return false }
        let timedOut = if case .timeout = failure { true } else { false }
        return try await mayRetry(attempt: attempt, retryAfter: nil, afterTimeout: timedOut, reason: Self.reason(failure), context: context)
    }

    /// After attempt `attempt` got `response`: waits and returns true when its status is one
    /// the policy retries and the request may be sent again.
    mutating func mayRetry(after response: TransportResponse, attempt: Int, context: CallContext) async throws(APIError) -> Bool {
        guard configuration.retry.retriedStatuses.contains(response.status), isIdempotent || response.status == 429 else { return false }
        return try await mayRetry(
            attempt: attempt, retryAfter: response.header("Retry-After"), reason: "HTTP \(response.status)", context: context
        )
    }

    /// Gives the last retry's cost back to the client's budget: the call succeeded.
    func refund() {
        configuration.retryBudget?.refund(lastRetryCost)
    }

    /// Waits before the next attempt when the policy and the client's retry budget allow one.
    ///
    /// The policy's `maximumTotalDelay` bounds the waits added up, which the client decides
    /// alone, so the same failures get the same retries however busy the machine is; the
    /// call's timeout bounds the time on the clock, attempts included.
    private mutating func mayRetry(
        attempt: Int, retryAfter: String?, afterTimeout: Bool = false, reason: String, context: CallContext
    ) async throws(APIError) -> Bool {
        let policy = configuration.retry
        guard let delay = policy.nextDelay(afterAttempt: attempt, retryAfter: retryAfter, waited: waited),
            ContinuousClock.now - started + delay < configuration.callTimeout
        else { return false }
        if let budget = configuration.retryBudget {
            guard let cost = budget.spend(afterTimeout: afterTimeout) else {
                configuration.log.logger?.notice("\(operationID): not retried after \(reason): the client's retry budget is spent")
                return false
            }
            lastRetryCost = cost
        }
        configuration.log.logger?.notice(
            "\(operationID): retrying after \(reason) in \(delay.wholeMilliseconds) ms (attempt \(attempt + 1) of \(policy.maximumAttempts))",
            metadata: ["operation": "\(operationID)", "attempt": "\(attempt + 1)", "ms-request-id": "\(context.requestID ?? "")"]
        )
        try await configuration.wait(delay, context: context)
        waited += delay
        return true
    }

    /// A failure as a retry's reason: its kind, without details.
    private static func reason(_ failure: APIError.Kind) -> String {
        switch failure {
        case .timeout: "a timeout"
        case .transport: "a connection failure"
        default: "a failure"
        }
    }
}
