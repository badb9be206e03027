import Foundation

/// The stage that spaces attempts out after the service answered 429: before each attempt it
/// waits for the pause the configuration's `RequestPacer` holds, and a 429 sets that pause
/// (from its `Retry-After`) for every call of the client.
struct PacingStage {
    let configuration: APIClient.Configuration
    let operationID: String

    /// Waits, before an attempt, for the pause the pacer holds (at most until the call's
    /// timeout, which the next check then reports).
    func waitBeforeAttempt(started: ContinuousClock.Instant, context: CallContext) async throws(APIError) {
        guard let pacer = configuration.pacer else { return }
        let pause = min(pacer.currentPause, configuration.callTimeout - (ContinuousClock.now - started))
        guard pause > .zero else { return }
        configuration.log.logger?.notice(
            "\(operationID): waiting \(pause.wholeMilliseconds) ms before sending: the service answered 429 (the client's pacer)",
            metadata: ["operation": "\(operationID)", "ms-request-id": "\(context.requestID ?? "")"]
        )
        try await configuration.wait(pause, context: context)
    }

    /// After a 429, holds the pacer's pause: the response's `Retry-After`, or the pacer's own.
    func pause(after response: TransportResponse) {
        guard response.status == 429, let pacer = configuration.pacer else { return }
        let retryAfter = response.header("Retry-After").flatMap { RetryPolicy.seconds(fromRetryAfter: $0, now: Date()) }
        pacer.pause(for: retryAfter.map { .seconds($0) })
    }
}
