import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sign-ins kept on disk so that programs sign in once: one file, `credentials.json`, in a
/// directory of its own (by default an application's folder of `$XDG_CONFIG_HOME`, else of
/// `~/.config`: ``init(application:environment:)``).
///
/// Like ssh with its keys, it refuses a file (or directory) that other users can read or
/// write: the file must be mode 0600 in a 0700 directory, both owned by the user. It writes
/// atomically (a temporary file renamed over the old one), so a reader never sees half a file,
/// and every change happens under an exclusive `flock` on `credentials.json.lock`, so that
/// processes refreshing at the same time take turns and each sees the other's rotated
/// refresh token. A file that is not a token cache is refused, never overwritten in passing.
public struct TokenCache: Sendable {
    /// The directory holding the cache and its lock file.
    public let directory: URL

    /// The current format.
    private static let version = 1

    /// A cache in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The cache in `application`'s configuration folder for `environment`:
    /// `$XDG_CONFIG_HOME/<application>` when `XDG_CONFIG_HOME` is an absolute path, else
    /// `$HOME/.config/<application>`.
    /// - Parameters:
    ///   - application: The folder's name, e.g. `partner-center` (the command-line tool's):
    ///     programs that name the same folder share their sign-ins.
    ///   - environment: The variables to read, e.g. `ProcessInfo.processInfo.environment`.
    /// - Throws: ``TokenCacheError/noConfigDirectory`` when neither is set.
    public init(application: String, environment: [String: String]) throws(TokenCacheError) {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            self.init(directory: URL(fileURLWithPath: config).appendingPathComponent(application))
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            self.init(directory: URL(fileURLWithPath: home).appendingPathComponent(".config").appendingPathComponent(application))
        } else {
            throw .noConfigDirectory
        }
    }

    /// The cache file's path.
    public var path: String { directory.appendingPathComponent("credentials.json").path }
    private var lockPath: String { path + ".lock" }

    /// The stored sign-ins; none when there is no cache file yet.
    /// - Throws: ``TokenCacheError`` when the file or its directory is open to other users,
    ///   not the user's own, or corrupt.
    public func signIns() throws(TokenCacheError) -> [SignIn] {
        guard try checkDirectory(create: false) else { return [] }
        return try read()
    }

    /// The most recent sign-in that matches every filter given: its authority, its tenant
    /// (as given at sign-in, or the tenant id signed in to) and its client id.
    public func latestSignIn(authority: IdentityAuthority? = nil, tenant: String? = nil, clientID: String? = nil) throws(TokenCacheError) -> SignIn? {
        try signIns().filter { signIn in
            (authority.map { $0.url.absoluteString == signIn.key.authority } ?? true)
                && (tenant.map { $0.caseInsensitiveCompare(signIn.key.tenant) == .orderedSame || $0.caseInsensitiveCompare(signIn.account.tenantID ?? "") == .orderedSame } ?? true)
                && (clientID.map { $0.caseInsensitiveCompare(signIn.key.clientID) == .orderedSame } ?? true)
        }.max { $0.signedInOn < $1.signedInOn }
    }

    /// Keeps `signIn`, replacing any earlier one with its key.
    public func store(_ signIn: SignIn) async throws {
        try await update { signIns in
            signIns.removeAll { $0.key == signIn.key }
            signIns.append(signIn)
        }
    }

    /// Forgets the sign-in with `key`; returns whether there was one.
    @discardableResult
    public func remove(_ key: Key) async throws -> Bool {
        try await update { signIns in
            let count = signIns.count
            signIns.removeAll { $0.key == key }
            return signIns.count < count
        }
    }

    /// Deletes the cache file, whatever it holds (also a corrupt one).
    /// - Returns: Whether there was one.
    @discardableResult
    public func removeAll() throws(TokenCacheError) -> Bool {
        if unlink(path) == 0 { return true }
        guard errno == ENOENT else { throw .fileSystem(path: path, operation: "unlink", errno: errno) }
        return false
    }

    /// Reads the sign-ins, lets `body` change them and writes them back if it did, all under
    /// the lock, so that no other process changes the file in between. `body` may take its
    /// time (e.g. ask a token endpoint): the others wait for it.
    func update<T>(_ body: (inout [SignIn]) async throws -> T) async throws -> T {
        _ = try checkDirectory(create: true)
        return try await FileLock.withLock(path: lockPath) {
            let before = try read()
            var after = before
            let result = try await body(&after)
            if after != before { try write(after) }
            return result
        }
    }

    // MARK: - The file

    /// The format on disk.
    private struct Contents: Codable {
        var version: Int
        var signIns: [SignIn]
    }

    /// Checks the directory (creating it, mode 0700, when asked); returns whether it exists.
    private func checkDirectory(create: Bool) throws(TokenCacheError) -> Bool {
        let directoryPath = directory.path
        var status = stat()
        if lstat(directoryPath, &status) != 0 {
            guard errno == ENOENT else { throw .fileSystem(path: directoryPath, operation: "stat", errno: errno) }
            guard create else { return false }
            do {
                try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .fileSystem(path: directory.deletingLastPathComponent().path, operation: "mkdir", errno: EACCES)
            }
            guard mkdir(directoryPath, 0o700) == 0 || errno == EEXIST else { throw .fileSystem(path: directoryPath, operation: "mkdir", errno: errno) }
            guard lstat(directoryPath, &status) == 0 else { throw .fileSystem(path: directoryPath, operation: "stat", errno: errno) }
        }
        try Self.check(status, path: directoryPath, isDirectory: true)
        return true
    }

    /// Refuses what other users may reach, or what is not the user's own plain file or directory.
    private static func check(_ status: stat, path: String, isDirectory: Bool) throws(TokenCacheError) {
        let type = UInt32(status.st_mode) & UInt32(S_IFMT)
        guard type == UInt32(isDirectory ? S_IFDIR : S_IFREG), status.st_uid == geteuid() else { throw .notOwnedOrNotPlain(path: path) }
        let mode = UInt32(status.st_mode) & 0o7777
        guard mode & 0o077 == 0 else { throw .permissionsTooOpen(path: path, mode: mode, isDirectory: isDirectory) }
    }

    /// The sign-ins in the file; none when it does not exist.
    private func read() throws(TokenCacheError) -> [SignIn] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else {
            if errno == ENOENT { return [] }
            if errno == ELOOP { throw .notOwnedOrNotPlain(path: path) }
            throw .fileSystem(path: path, operation: "open", errno: errno)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fileSystem(path: path, operation: "stat", errno: errno) }
        try Self.check(status, path: path, isDirectory: false)
        guard status.st_size <= 1 << 20 else { throw .corrupt(path: path, problem: "larger than 1 MiB") }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw .fileSystem(path: path, operation: "read", errno: EIO)
        }
        let contents: Contents
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .secondsSince1970
            contents = try decoder.decode(Contents.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .corrupt(path: path, problem: "no '\(key.stringValue)' at \(Self.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .corrupt(path: path, problem: "a value of the wrong type at \(Self.path(context.codingPath))")
        } catch {
            // Other decoding errors may quote the file: name no detail.
            throw .corrupt(path: path, problem: "not JSON of the expected shape")
        }
        guard contents.version == Self.version else { throw .corrupt(path: path, problem: "format version \(contents.version), expected \(Self.version)") }
        return contents.signIns
    }

    /// A coding path as `signIns[0].key`: member names and indexes, no values.
    private static func path(_ codingPath: [any CodingKey]) -> String {
        let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined()
        return text.isEmpty ? "the top" : String(text.drop { $0 == "." })
    }

    /// Writes `signIns` atomically: a new file, mode 0600, renamed over the old one; with no
    /// sign-ins left, the file is removed.
    private func write(_ signIns: [SignIn]) throws(TokenCacheError) {
        guard !signIns.isEmpty else {
            try removeAll()
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .secondsSince1970
        let data: Data
        do {
            data = try encoder.encode(Contents(version: Self.version, signIns: signIns))
        } catch {
            throw .corrupt(path: path, problem: "the sign-ins cannot be encoded")
        }
        let temporary = path + ".\(getpid()).tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .fileSystem(path: temporary, operation: "create", errno: errno) }
        var failure: TokenCacheError?
        if fchmod(descriptor, 0o600) != 0 { failure = .fileSystem(path: temporary, operation: "chmod", errno: errno) }
        if failure == nil {
            do {
                try FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).write(contentsOf: data)
            } catch {
                failure = .fileSystem(path: temporary, operation: "write", errno: EIO)
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = .fileSystem(path: temporary, operation: "fsync", errno: errno) }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = .fileSystem(path: path, operation: "rename", errno: errno) }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }
}
