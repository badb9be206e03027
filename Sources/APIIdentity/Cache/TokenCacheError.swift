/// Why the token cache cannot be used. Its descriptions name paths and modes, never contents.
public enum TokenCacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Neither `XDG_CONFIG_HOME` nor `HOME` names a directory for the cache.
    case noConfigDirectory
    /// The file or directory at `path` can be read or written by other users (`mode`).
    case permissionsTooOpen(path: String, mode: UInt32, isDirectory: Bool)
    /// The file or directory at `path` belongs to another user, or is not a regular file or directory.
    case notOwnedOrNotPlain(path: String)
    /// The file at `path` is not a token cache (`problem` names what is wrong, never what it holds).
    case corrupt(path: String, problem: String)
    /// A file operation failed.
    case fileSystem(path: String, operation: String, errno: Int32)
    /// Another process held the cache's lock for too long.
    case locked(path: String)
    /// No sign-in in the cache for this authority, tenant and client.
    case notSignedIn(TokenCache.Key)

    /// One line naming the path and what to do; never the file's contents.
    public var description: String {
        switch self {
        case .noConfigDirectory:
            return "the token cache needs a home: set XDG_CONFIG_HOME or HOME"
        case let .permissionsTooOpen(path, mode, isDirectory):
            let wanted = isDirectory ? "700" : "600"
            return "refusing the token cache: \(path) has mode \(String(mode, radix: 8)), which lets other users at it; run chmod \(wanted) \(path)"
        case let .notOwnedOrNotPlain(path):
            return "refusing the token cache: \(path) is not a plain file or directory of your own"
        case let .corrupt(path, problem):
            return "the token cache \(path) is corrupt (\(problem)); remove the file and sign in again"
        case let .fileSystem(path, operation, code):
            return "the token cache \(path) cannot be used: \(operation) failed (errno \(code))"
        case let .locked(path):
            return "the token cache is locked by another process (\(path)); try again"
        case let .notSignedIn(key):
            return "no sign-in in the token cache for tenant \(key.tenant) and client \(key.clientID) at \(key.authority); sign in first"
        }
    }
}
