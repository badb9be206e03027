import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file, shared with other processes: the system releases it
/// when its descriptor closes, also when a process dies holding it.
enum FileLock {
    /// Runs `body` holding the lock on `path` (created mode 0600 if absent). Waiting for
    /// another holder asks again every 20 ms rather than blocking a thread, for at most `patience`.
    /// - Throws: ``TokenCacheError/locked(path:)`` after `patience`, `.fileSystem` when the
    ///   file cannot be opened, `CancellationError` when the task is cancelled while waiting;
    ///   or what `body` throws.
    ///
    /// The default patience, five minutes, outlasts a queue of processes each holding the lock
    /// for one renewal (a token request times out after 30 s), on a machine however busy.
    static func withLock<T>(path: String, patience: Duration = .seconds(300), _ body: () async throws -> T) async throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw TokenCacheError.fileSystem(path: path, operation: "open", errno: errno) }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + patience
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else { throw TokenCacheError.fileSystem(path: path, operation: "flock", errno: code) }
            guard ContinuousClock.now < deadline else { throw TokenCacheError.locked(path: path) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await body()
    }
}
