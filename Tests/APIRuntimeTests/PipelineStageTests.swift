@testable import APIRuntime
import Foundation
import Testing

/// Each stage of a call's pipeline on its own, without a server: what it decides.
@Suite struct PipelineStageTests {
    private static func configuration(
        retry: RetryPolicy = RetryPolicy(maximumAttempts: 3, initialDelay: .milliseconds(10), maximumDelay: .milliseconds(10)),
        budget: RetryBudget? = nil, sleeps: SleepLog? = nil
    ) -> APIClient.Configuration {
        APIClient.Configuration(retry: retry, retryBudget: budget, sleep: { duration in sleeps?.append(duration) })
    }

    private static let context = CallContext(operationID: "op", requestID: "r")

    @Test func retryWaitsForRetryAfterAndStopsAtTheAttemptLimit() async throws {
        let sleeps = SleepLog()
        var retry = RetryStage(configuration: Self.configuration(sleeps: sleeps), operationID: "op", isIdempotent: true)
        let throttled = TransportResponse(status: 503, headers: [HeaderField(name: "Retry-After", value: "1")])
        #expect(try await retry.mayRetry(after: throttled, attempt: 1, context: Self.context))
        #expect(try await retry.mayRetry(after: throttled, attempt: 2, context: Self.context))
        #expect(try await !retry.mayRetry(after: throttled, attempt: 3, context: Self.context), "three attempts, no fourth")
        #expect(sleeps.values == [.seconds(1), .seconds(1)], "Retry-After over the back-off")
    }

    @Test func anUnsafeRequestIsRetriedOnlyAfterA429() async throws {
        var retry = RetryStage(configuration: Self.configuration(), operationID: "op", isIdempotent: false)
        #expect(try await !retry.mayRetry(after: TransportResponse(status: 503), attempt: 1, context: Self.context))
        #expect(try await !retry.mayRetry(after: .timeout, attempt: 1, context: Self.context), "a timeout's effect is unknown")
        #expect(try await retry.mayRetry(after: TransportResponse(status: 429), attempt: 1, context: Self.context), "a 429 was not processed")
        #expect(try await !retry.mayRetry(after: TransportResponse(status: 404), attempt: 1, context: Self.context))
    }

    @Test func aSpentBudgetStopsRetriesAndASuccessRefundsIt() async throws {
        let budget = RetryBudget(capacity: 5, retryCost: 5, timeoutCost: 10, successReward: 0)
        var first = RetryStage(configuration: Self.configuration(budget: budget), operationID: "op", isIdempotent: true)
        #expect(try await first.mayRetry(after: TransportResponse(status: 500), attempt: 1, context: Self.context))
        var second = RetryStage(configuration: Self.configuration(budget: budget), operationID: "op", isIdempotent: true)
        #expect(try await !second.mayRetry(after: TransportResponse(status: 500), attempt: 1, context: Self.context), "the budget is spent")
        first.refund()
        #expect(try await second.mayRetry(after: TransportResponse(status: 500), attempt: 1, context: Self.context), "the refund made room")
    }

    @Test func aTokenIsRenewedOnceAfterA401FromAProviderThatCanRefresh() {
        let refreshing = AuthenticationStage(usesBearerAuth: true, tokenProvider: RefreshingProvider(), operationID: "op")
        let refused = TransportResponse(status: 401)
        #expect(refreshing.shouldResend(after: refused, token: "a", rejected: nil))
        #expect(!refreshing.shouldResend(after: refused, token: "b", rejected: "a"), "once per call")
        #expect(!refreshing.shouldResend(after: TransportResponse(status: 403), token: "a", rejected: nil))
        let fixed = AuthenticationStage(usesBearerAuth: true, tokenProvider: StaticTokenProvider("a"), operationID: "op")
        #expect(!fixed.shouldResend(after: refused, token: "a", rejected: nil), "a fixed token cannot be renewed")
    }

    @Test func aTokenSentIsRemovedFromTheErrorByValue() {
        let stage = AuthenticationStage(usesBearerAuth: true, tokenProvider: StaticTokenProvider("s3cr3t-token"), operationID: "op")
        let failure = Self.context.error(.transport("the server said s3cr3t-token back"))
        #expect(!stage.explained(failure, tokensSent: ["s3cr3t-token"]).description.contains("s3cr3t-token"))
    }

    @Test func theCallsHeadersCarryItsIdsAndTheOperationsOwnReplaceSharedOnes() throws {
        let document = APIDocument(json: #"""
            {"api": "T", "auth": "none", "servers": {"default": "https://t.invalid"},
             "headers": [{"name": "Accept", "value": "application/json"}, {"generate": "uuid", "name": "X-Request", "per": "call"}],
             "operations": {}, "schemas": {}}
            """#)
        let contents = try document.get()
        let client = APIClient(document: document)
        let stage = CallHeaders(client: client, api: contents.mainAPI, operationID: "op")
        let (headers, context) = try stage.make(extraHeaders: [HeaderField(name: "accept", value: "application/pdf")])
        #expect(headers.filter { $0.name.lowercased() == "accept" }.map(\.value) == ["application/pdf"])
        #expect(context.requestID == headers.first { $0.name == "X-Request" }?.value)
        #expect(throws: APIError.self) { try stage.make(extraHeaders: [HeaderField(name: "X-Bad", value: "a\r\nb")]) }
    }
}

/// The sleeps a stage asked for.
private final class SleepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    var values: [Duration] { lock.withLock { recorded } }
    func append(_ duration: Duration) { lock.withLock { recorded.append(duration) } }
}

/// A provider that can refresh its token.
private struct RefreshingProvider: TokenProvider {
    func token(refresh: Bool) async throws -> String { refresh ? "new" : "old" }
    var canRefresh: Bool { true }
}
