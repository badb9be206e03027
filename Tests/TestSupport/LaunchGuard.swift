import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Keeps process launches and tests that hold thousands of descriptors apart.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) scans `/proc/self/fd` with a bulk copy
/// of each `dirent` that can read past glibc's 32 KB directory buffer and crash the whole test
/// process (swift-corelibs-foundation pull request 5472, fixed after 6.3.1): it happens once
/// the listing fills the buffer, about 1,300 open descriptors. Launches share this guard; a
/// test that opens thousands of sockets takes it alone, so no launch happens while they are
/// open; and a launch waits while the process (all tests running in parallel) has more than
/// ``maximumOpenDescriptorsAtLaunch`` open.
public enum LaunchGuard {
    /// The most descriptors open when a launch starts: well below where the scan overflows.
    public static let maximumOpenDescriptorsAtLaunch = 700
    private static let condition = NSCondition()
    nonisolated(unsafe) private static var launching = 0
    nonisolated(unsafe) private static var heavy = false

    /// Runs `launch` (a `Process.run()`) when no descriptor-heavy test is running.
    public static func launch<T>(_ launch: () throws -> T) rethrows -> T {
        condition.lock()
        while heavy || openDescriptors() > maximumOpenDescriptorsAtLaunch {
            // Other tests close theirs as they end; look again shortly.
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
        }
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

    /// How many descriptors the process has open (the entries of `/proc/self/fd`, read with
    /// `readdir`, not with the Foundation code this guard works around).
    private static func openDescriptors() -> Int {
        guard let directory = opendir("/proc/self/fd") else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return count
    }

    private static func endHeavy() {
        condition.lock()
        heavy = false
        condition.broadcast()
        condition.unlock()
    }
}
