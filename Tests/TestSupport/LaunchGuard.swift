import Foundation

/// Keeps process launches and tests that hold thousands of descriptors apart.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) scans `/proc/self/fd` with a bulk copy
/// of each `dirent` that can read past glibc's buffer and crash the whole test process
/// (swift-corelibs-foundation pull request 5472, fixed after 6.3.1); the more descriptors are
/// open, the likelier. Launches share this guard; a test that opens thousands of sockets
/// takes it alone, so no launch happens while they are open.
public enum LaunchGuard {
    private static let condition = NSCondition()
    nonisolated(unsafe) private static var launching = 0
    nonisolated(unsafe) private static var heavy = false

    /// Runs `launch` (a `Process.run()`) when no descriptor-heavy test is running.
    public static func launch<T>(_ launch: () throws -> T) rethrows -> T {
        condition.lock()
        while heavy { condition.wait() }
        launching += 1
        condition.unlock()
        defer {
            condition.lock()
            launching -= 1
            condition.broadcast()
            condition.unlock()
        }
        return try launch()
    }

    /// Runs `body` with no process launch at the same time (launches wait until it ends).
    public static func holdingManyDescriptors<T: Sendable>(_ body: () async throws -> T) async rethrows -> T {
        // Waiting blocks a thread: not one of Swift concurrency's.
        _ = try? await offThePool {
            condition.lock()
            while heavy || launching > 0 { condition.wait() }
            heavy = true
            condition.unlock()
        }
        defer { endHeavy() }
        return try await body()
    }

    private static func endHeavy() {
        condition.lock()
        heavy = false
        condition.broadcast()
        condition.unlock()
    }
}
