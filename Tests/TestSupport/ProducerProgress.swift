import Foundation

/// The furthest offset a streamed response's producer was asked for, recorded from the
/// server's worker threads: tells a test whether the server is still sending.
public final class ProducerProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var furthest = 0

    public init() {}

    /// The furthest offset recorded so far.
    public var offset: Int { lock.withLock { furthest } }

    /// Records that the producer was asked for the chunk at `offset`.
    public func record(_ offset: Int) {
        lock.withLock { furthest = max(furthest, offset) }
    }

    /// Waits until the producer has not moved for `quiet`, at most 20 s; the offset it stopped at.
    public func waitUntilStill(quiet: Duration = .milliseconds(500)) async -> Int {
        let deadline = ContinuousClock.now + .seconds(20)
        var last = offset
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: quiet)
            if offset == last { break }
            last = offset
        }
        return last
    }
}
