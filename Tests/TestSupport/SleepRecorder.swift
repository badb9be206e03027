import Foundation

/// A `sleep` for a client's configuration that records each wait instead of sleeping, so
/// retry tests take no time and can assert on the waits.
public final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []
    private let start = ContinuousClock.now

    public init() {}

    /// The waits asked for, in order.
    public var durations: [Duration] { lock.withLock { recorded } }

    /// A clock that moves only by the waits recorded: where the time would be had each wait
    /// been slept, from the recorder's creation.
    public var now: @Sendable () -> ContinuousClock.Instant {
        { [self] in start + lock.withLock { recorded.reduce(.zero, +) } }
    }

    /// Records the wait; throws when the task is cancelled, as `Task.sleep` does.
    public var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            lock.withLock { recorded.append(duration) }
            try Task.checkCancellation()
        }
    }
}
