import Foundation

/// A client-wide pause after the service answers 429 (Too Many Requests): until the wait the
/// service asked for has passed, every new attempt of every call that shares the pacer waits
/// before it is sent, instead of adding to the load the service is refusing.
///
/// A retried call already waits its own `Retry-After`; the pacer makes the other calls, and
/// the calls started meanwhile, wait as well. It is off unless set
/// (``APIClient/Configuration/pacer``); give several clients one pacer to pace them together.
/// The waits go through the configuration's `sleep`. Thread-safe.
public final class RequestPacer: Sendable {
    /// The longest pause one 429 starts, however long its `Retry-After` (default 60 s): a
    /// call that waits longer is one that waits for its own retry.
    public let maximumPause: Duration
    /// The pause after a 429 without a usable `Retry-After`.
    public let defaultPause: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let resumesAt = LockedValue<ContinuousClock.Instant?>(nil)

    /// - Parameters:
    ///   - maximumPause: The longest pause one 429 starts.
    ///   - defaultPause: The pause after a 429 without a usable `Retry-After`.
    ///   - now: The clock the pauses are measured on (tests inject one that moves only when
    ///     the configuration's `sleep` is called).
    public init(
        maximumPause: Duration = .seconds(60), defaultPause: Duration = .seconds(1),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.maximumPause = maximumPause
        self.defaultPause = defaultPause
        self.now = now
    }

    /// How long a new attempt must wait from now (zero: it may go).
    public var currentPause: Duration {
        let now = now()
        return resumesAt.withLock { end in end.map { max(.zero, $0 - now) } ?? .zero }
    }

    /// Starts (or lengthens) the pause after a 429 whose `Retry-After` asked for `requested`.
    func pause(for requested: Duration?) {
        let length = min(requested ?? defaultPause, maximumPause)
        let end = now() + length
        resumesAt.withLock { current in current = max(current ?? end, end) }
    }
}
