import APIRuntime
import Foundation

/// Who a sign-in is for, as the tokens' claims say: nothing secret, safe to show and store.
public struct SignedInAccount: Sendable, Hashable, Codable {
    /// `preferred_username` (or `upn`, `unique_name`, `email`), e.g. `admin@contoso.onmicrosoft.com`.
    public var username: String?
    /// The display name (`name`).
    public var name: String?
    /// The tenant the user signed in to (`tid`).
    public var tenantID: String?

    /// Creates an account.
    public init(username: String? = nil, name: String? = nil, tenantID: String? = nil) {
        self.username = username
        self.name = name
        self.tenantID = tenantID
    }

    /// The account the claims of `grant`'s id token (else its access token) name; empty when
    /// neither is a JWT with those claims. The signature is not checked: this is for display.
    public init(grant: TokenGrant) {
        let claims = [grant.idToken, grant.accessToken].compactMap { $0.flatMap(Self.claims(ofJWT:)) }
        let first: ([String]) -> String? = { names in
            for object in claims {
                for name in names {
                    if let value = object[name]?.stringValue.map(Self.printable), !value.isEmpty { return value }
                }
            }
            return nil
        }
        self.init(username: first(["preferred_username", "upn", "unique_name", "email"]), name: first(["name"]), tenantID: first(["tid"]))
    }

    /// `text` without control characters: claims are shown on terminals.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.properties.generalCategory != .control }))
    }

    /// Whether no claim was found.
    public var isEmpty: Bool { username == nil && name == nil && tenantID == nil }

    /// The payload of a JWT (`header.payload.signature`, base64url), or nil.
    static func claims(ofJWT token: String) -> JSONObject? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 5 else { return nil }
        var base64 = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let json = try? JSONParser.parse(data) else { return nil }
        return json.objectValue
    }
}
