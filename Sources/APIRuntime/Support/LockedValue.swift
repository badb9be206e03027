import Foundation

/// A value behind a lock, for the runtime's small shared state (the retry budget's tokens,
/// the pacer's pause). `Synchronization.Mutex` would do, but needs macOS 15.
final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.withLock { body(&value) }
    }
}
