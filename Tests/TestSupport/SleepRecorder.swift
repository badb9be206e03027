import Foundation

/// A `sleep` for a client's configuration that records each wait instead of sleeping, so
/// retry tests take no time and can assert on the waits.
public final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Duration] = []

    public init() {}

    /// The waits asked for, in order.
    public var durations: [Duration] { lock.withLock { recorded } }

    /// Records the wait; throws when the task is cancelled, as `Task.sleep` does.
    public var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            lock.withLock { recorded.append(duration) }
            try Task.checkCancellation()
        }
    }
}
