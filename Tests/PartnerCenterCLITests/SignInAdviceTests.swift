import Foundation
import PartnerCenter
@testable import partner_center
import Testing

/// The tool's own folder for the token cache, and the commands it adds to the identity
/// module's messages (which name none).
@Suite("Sign-in advice")
struct SignInAdviceTests {
    @Test func tokenCacheIsInThePartnerCenterFolder() throws {
        #expect(try TokenCache.partnerCenter(["XDG_CONFIG_HOME": "/x/config", "HOME": "/home/u"]).path == "/x/config/partner-center/credentials.json")
        #expect(try TokenCache.partnerCenter(["HOME": "/home/u"]).path == "/home/u/.config/partner-center/credentials.json")
    }

    @Test func errorsASignInFixesNameTheCommand() {
        let key = TokenCache.Key(authority: .global, tenant: "contoso", clientID: "app-1")
        #expect(SignInAdvice.describe(TokenCacheError.corrupt(path: "/c", problem: "not JSON")).hasSuffix(
            "remove the file and sign in again (partner-center logout --all, then partner-center login)"
        ))
        #expect(SignInAdvice.describe(TokenCacheError.notSignedIn(key)).hasSuffix("sign in first (partner-center login)"))
        var refused = APIError(.tokenRefused(400, nil))
        refused.hint = CachedTokenProvider.staleSignInHint
        #expect(SignInAdvice.describe(refused).hasSuffix("the stored sign-in no longer works: sign in again (partner-center login)"))
        let locked = TokenCacheError.locked(path: "/c")
        #expect(SignInAdvice.describe(locked) == locked.description, "no command unlocks a cache")
    }

    @Test func signInRemovedWhileACommandRunsNamesTheLoginCommand() async throws {
        let home = try ConfigHome()
        let cache = try TokenCache.partnerCenter(home.environment)
        let key = TokenCache.Key(authority: .global, tenant: "contoso", clientID: "app-1")
        let signIn = try TokenCache.SignIn(key: key, grant: TokenGrant(accessToken: "ACCESS", lifetime: 0, refreshToken: "REFRESH"), at: Date())
        try await cache.store(signIn)
        let provider = try #require(try CredentialSource.cache(cache, signIn).tokenProvider())
        try await cache.remove(key)
        // The client reports this error by its description, inside a transport failure.
        let error = try #require(await #expect(throws: (any Error).self) { _ = try await provider.token(refresh: false) })
        #expect("\(error)".hasSuffix("sign in first (partner-center login)"), "\(error)")
    }
}
