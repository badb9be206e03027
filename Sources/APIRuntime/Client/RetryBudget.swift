import Foundation

/// A client-wide allowance for retries, a token bucket as smithy-swift's: each retry spends
/// tokens, and each call that succeeds earns some back. While the service fails, N concurrent
/// calls stop multiplying the load after the bucket runs dry, instead of each retrying its
/// full share; once calls succeed again, retries come back.
///
/// One budget is shared by every call of a client and of its ``APIClient/with(_:)`` copies;
/// give several clients one budget to share it wider. Thread-safe.
public final class RetryBudget: Sendable {
    /// The tokens a full bucket holds.
    public let capacity: Int
    /// The tokens a retry after an error status or a dropped connection costs.
    public let retryCost: Int
    /// The tokens a retry after a timeout costs (a timeout is the costlier failure to repeat).
    public let timeoutCost: Int
    /// The tokens a call that succeeds on its first attempt earns back.
    public let successReward: Int
    private let tokens: LockedValue<Int>

    /// A full bucket. The defaults are smithy-swift's: 500 tokens, 5 per retry, 10 per
    /// retry after a timeout, 1 back per success at once, a retry's cost back when it succeeds.
    public init(capacity: Int = 500, retryCost: Int = 5, timeoutCost: Int = 10, successReward: Int = 1) {
        self.capacity = capacity
        self.retryCost = retryCost
        self.timeoutCost = timeoutCost
        self.successReward = successReward
        tokens = LockedValue(capacity)
    }

    /// The tokens left.
    public var available: Int { tokens.withLock { $0 } }

    /// Takes the cost of one retry and returns it; nil (and nothing taken) when too few tokens are left.
    func spend(afterTimeout: Bool) -> Int? {
        let cost = afterTimeout ? timeoutCost : retryCost
        return tokens.withLock { left in
            guard left >= cost else { return nil }
            left -= cost
            return cost
        }
    }

    /// Gives tokens back after a success: the cost of the retry that succeeded, or the reward
    /// for a first attempt that did.
    func refund(_ lastRetryCost: Int?) {
        tokens.withLock { left in left = min(capacity, left + (lastRetryCost ?? successReward)) }
    }
}
