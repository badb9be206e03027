import APIIdentity
import APIRuntime
import Foundation
import Testing

/// The token cache on disk: where it lives, its permissions, its contents checked, atomic
/// and locked writes.
@Suite("Token cache")
struct TokenCacheTests {
    static let key = TokenCache.Key(authority: .global, tenant: "contoso.onmicrosoft.com", clientID: "app-1")

    static func signIn(_ key: TokenCache.Key = key, refreshToken: String = "REFRESH-0123456789", at date: Date = Date()) throws -> TokenCache.SignIn {
        try TokenCache.SignIn(key: key, grant: TokenGrant(accessToken: "ACCESS-0123456789", lifetime: 3600, refreshToken: refreshToken), at: date)
    }

    static func cache(_ directory: TestDirectory) -> TokenCache {
        TokenCache(directory: directory.url.appendingPathComponent("config/partner-center"))
    }

    @Test func defaultPlaceIsTheApplicationsFolderOfXDGConfigHomeElseDotConfig() throws {
        let place = { (environment: [String: String]) throws(TokenCacheError) in try TokenCache(application: "some-app", environment: environment).path }
        #expect(try place(["XDG_CONFIG_HOME": "/x/config", "HOME": "/home/u"]) == "/x/config/some-app/credentials.json")
        #expect(try place(["HOME": "/home/u"]) == "/home/u/.config/some-app/credentials.json")
        #expect(try place(["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/some-app/credentials.json", "XDG says: ignore a relative path")
        #expect(throws: TokenCacheError.noConfigDirectory) { try place([:]) }
    }

    @Test func storedSignInIsReadBackFromA0600FileInA0700Directory() async throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        #expect(try cache.signIns().isEmpty, "no file yet: no sign-ins, and nothing created")
        #expect(!FileManager.default.fileExists(atPath: cache.directory.path))
        let signIn = try Self.signIn()
        try await cache.store(signIn)
        #expect(try TestDirectory.mode(cache.path) == 0o600)
        #expect(try TestDirectory.mode(cache.directory.path) == 0o700)
        let read = try cache.signIns()
        #expect(read.count == 1)
        #expect(read.first?.key == Self.key)
        #expect(read.first?.accessTokenExpiresOn == signIn.accessTokenExpiresOn)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: cache.directory.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "the temporary file was renamed")
    }

    @Test func storingAgainReplacesTheSignInWithTheSameKey() async throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        try await cache.store(try Self.signIn(at: Date(timeIntervalSince1970: 1_000)))
        let other = TokenCache.Key(authority: .china, tenant: "fabrikam", clientID: "app-2")
        try await cache.store(try Self.signIn(other, at: Date(timeIntervalSince1970: 2_000)))
        try await cache.store(try Self.signIn(at: Date(timeIntervalSince1970: 3_000)))
        #expect(try cache.signIns().count == 2)
        #expect(try cache.latestSignIn()?.key == Self.key, "the most recent sign-in")
        #expect(try cache.latestSignIn(authority: .china)?.key == other)
        #expect(try cache.latestSignIn(tenant: "FABRIKAM")?.key == other)
        #expect(try cache.latestSignIn(clientID: "app-3") == nil)
        #expect(try await cache.remove(other))
        #expect(try await !cache.remove(other))
        #expect(try cache.signIns().map(\.key) == [Self.key])
        #expect(try await cache.remove(Self.key))
        #expect(!FileManager.default.fileExists(atPath: cache.path), "with no sign-in left, no file is left")
    }

    @Test(arguments: [(0o644, false), (0o604, false), (0o660, false), (0o755, true), (0o770, true)])
    func permissionsOpenToOthersAreRefused(mode: Int, onDirectory: Bool) async throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        try await cache.store(try Self.signIn())
        let path = onDirectory ? cache.directory.path : cache.path
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect(throws: TokenCacheError.permissionsTooOpen(path: path, mode: UInt32(mode), isDirectory: onDirectory)) { try cache.signIns() }
        await #expect(throws: TokenCacheError.self) { try await cache.store(try Self.signIn()) }
        #expect(try TestDirectory.mode(path) == mode, "a refused cache is left as it is")
    }

    @Test func symlinkInPlaceOfTheFileIsRefused() async throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        try await cache.store(try Self.signIn())
        let elsewhere = directory.url.appendingPathComponent("elsewhere.json").path
        try FileManager.default.moveItem(atPath: cache.path, toPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: cache.path, withDestinationPath: elsewhere)
        #expect(throws: TokenCacheError.notOwnedOrNotPlain(path: cache.path)) { try cache.signIns() }
    }

    static let corrupt = [
        "not json", "", "[]", #"{"version":1}"#, #"{"version":2,"signIns":[]}"#,
        #"{"version":1,"signIns":[{"key":{"authority":"a","tenant":"t","clientID":"c"},"refreshToken":"SECRET-IN-FILE"}]}"#,
        #"{"version":1,"signIns":[{"key":"SECRET-IN-FILE"}]}"#,
    ]

    @Test(arguments: corrupt)
    func corruptContentsAreATypedErrorThatQuotesNothing(contents: String) throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        try FileManager.default.createDirectory(at: cache.directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try #require(FileManager.default.createFile(atPath: cache.path, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]))
        let error = try #require(#expect(throws: TokenCacheError.self) { try cache.signIns() })
        guard case .corrupt(let path, _) = error else {
            Issue.record("expected corrupt, got \(error)")
            return
        }
        #expect(path == cache.path)
        #expect(!error.description.contains("SECRET-IN-FILE"), "\(error)")
        #expect(try cache.removeAll(), "a corrupt cache can still be removed")
        #expect(try cache.signIns().isEmpty)
    }

    @Test func messagesNameNoProgramsCommand() {
        let cacheErrors: [TokenCacheError] = [
            .noConfigDirectory, .permissionsTooOpen(path: "/c", mode: 0o644, isDirectory: false), .notOwnedOrNotPlain(path: "/c"),
            .corrupt(path: "/c", problem: "not JSON"), .fileSystem(path: "/c", operation: "open", errno: EACCES), .locked(path: "/c"),
            .notSignedIn(Self.key),
        ]
        let signInErrors: [SignInError] = [.expired, .declined, .malformedAuthorization("no user_code"), .noRefreshToken]
        for text in cacheErrors.map(\.description) + signInErrors.map(\.description) + [CachedTokenProvider.staleSignInHint] {
            #expect(!text.contains("partner-center"), "\(text)")
        }
    }

    @Test func signInShowsNoTokenInItsDescriptionOrDump() throws {
        let signIn = try Self.signIn()
        var dumped = ""
        dump(signIn, to: &dumped)
        for text in [String(describing: signIn), String(reflecting: signIn), dumped] {
            #expect(!text.contains("REFRESH-0123456789") && !text.contains("ACCESS-0123456789"), "\(text)")
        }
    }

    @Test func grantWithoutARefreshTokenCannotBeKept() {
        #expect(throws: SignInError.noRefreshToken) {
            try TokenCache.SignIn(key: Self.key, grant: TokenGrant(accessToken: "a", lifetime: 60), at: Date())
        }
    }

    @Test func concurrentUpdatesAllLand() async throws {
        let directory = try TestDirectory()
        let cache = Self.cache(directory)
        // Each store reads, changes and writes under the lock: none is lost to another.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await cache.store(try Self.signIn(TokenCache.Key(authority: .global, tenant: "tenant-\(index)", clientID: "app")))
                }
            }
            try await group.waitForAll()
        }
        #expect(try Set(cache.signIns().map(\.key.tenant)) == Set((0..<20).map { "tenant-\($0)" }))
    }
}
