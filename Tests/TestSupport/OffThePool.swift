import Foundation

/// Runs blocking `work` on a thread of its own, so that the test's waiting never holds one of
/// the few threads Swift concurrency runs every test on.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.start()
    }
}
