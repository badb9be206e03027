import APIIdentity
import APIRuntime
import Foundation
import Testing

/// Authorities, their endpoints, and the account named by a sign-in's claims.
@Suite("Identity authority")
struct IdentityAuthorityTests {
    @Test func endpointsAreTheTenantsV2Ones() throws {
        #expect(IdentityAuthority.global.tokenEndpoint(tenant: "contoso.onmicrosoft.com").absoluteString == "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")
        #expect(IdentityAuthority.china.deviceCodeEndpoint(tenant: "organizations").absoluteString == "https://login.chinacloudapi.cn/organizations/oauth2/v2.0/devicecode")
        #expect(try IdentityAuthority("http://127.0.0.1:8080/").tokenEndpoint(tenant: "a/b c").absoluteString == "http://127.0.0.1:8080/a%2Fb%20c/oauth2/v2.0/token")
    }

    @Test(arguments: ["http://login.example.com", "ftp://127.0.0.1", "not a url", "https://login.example.com?x=1", ""])
    func plainHTTPOffTheLoopbackAndOtherSchemesAreRefused(text: String) {
        #expect(throws: IdentityAuthority.InvalidURL.self) { try IdentityAuthority(text) }
    }

    /// A JWT with `payload`, unsigned.
    static func jwt(_ payload: String) -> String {
        let encode: (String) -> String = {
            Data($0.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        return encode(#"{"alg":"none"}"#) + "." + encode(payload) + "."
    }

    @Test func accountComesFromTheIdTokenElseTheAccessToken() {
        let withIDToken = TokenGrant(
            accessToken: Self.jwt(#"{"upn":"access@contoso.com","tid":"t-access"}"#), lifetime: 60,
            idToken: Self.jwt(#"{"preferred_username":"admin@contoso.com","name":"Ada Admin","tid":"t-1"}"#)
        )
        #expect(SignedInAccount(grant: withIDToken) == SignedInAccount(username: "admin@contoso.com", name: "Ada Admin", tenantID: "t-1"))
        let accessOnly = TokenGrant(accessToken: Self.jwt(#"{"upn":"access@contoso.com","tid":"t-access"}"#), lifetime: 60)
        #expect(SignedInAccount(grant: accessOnly) == SignedInAccount(username: "access@contoso.com", tenantID: "t-access"))
        let hostile = TokenGrant(accessToken: Self.jwt(#"{"upn":"evil\u001b[2J\u009b31m@contoso.com\n"}"#), lifetime: 60)
        #expect(SignedInAccount(grant: hostile).username == "evil[2J31m@contoso.com", "no control characters reach a terminal")
        for opaque in ["opaque-token", "a.b.c", "a.!!!.c", Self.jwt("[1]")] {
            #expect(SignedInAccount(grant: TokenGrant(accessToken: opaque, lifetime: 60)).isEmpty)
        }
    }
}
