import Foundation

/// A Microsoft identity platform (Azure AD) authority and the v2.0 endpoints of one tenant.
public struct IdentityAuthority: Sendable, Hashable, CustomStringConvertible {
    /// The authority's base URL, e.g. `https://login.microsoftonline.com`.
    public let url: URL

    /// The global cloud: `https://login.microsoftonline.com`.
    public static let global = IdentityAuthority(validated: URL(string: "https://login.microsoftonline.com") ?? URL(fileURLWithPath: "/"))
    /// Azure China (21Vianet): `https://login.chinacloudapi.cn`.
    public static let china = IdentityAuthority(validated: URL(string: "https://login.chinacloudapi.cn") ?? URL(fileURLWithPath: "/"))

    /// Partner Center's delegated permission, with `offline_access` for a refresh token.
    public static let partnerCenterUserScope = "https://api.partnercenter.microsoft.com/user_impersonation offline_access"
    /// Partner Center's application permissions, for the client-credentials grant.
    public static let partnerCenterAppScope = "https://api.partnercenter.microsoft.com/.default"

    /// An authority at `text`: an https URL, or http on a loopback address (a local test server).
    /// - Throws: `IdentityAuthority.InvalidURL` for anything else; tokens never go over plain
    ///   http to another machine.
    public init(_ text: String) throws(InvalidURL) {
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, url.query == nil else {
            throw InvalidURL(text: text)
        }
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else { throw InvalidURL(text: text) }
        self.url = url
    }

    private init(validated url: URL) {
        self.url = url
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    public func tokenEndpoint(tenant: String) -> URL {
        endpoint(tenant: tenant, "token")
    }

    /// `{authority}/{tenant}/oauth2/v2.0/devicecode`.
    public func deviceCodeEndpoint(tenant: String) -> URL {
        endpoint(tenant: tenant, "devicecode")
    }

    private func endpoint(tenant: String, _ name: String) -> URL {
        let segment = tenant.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? tenant
        return URL(string: url.absoluteString + "/\(segment)/oauth2/v2.0/\(name)") ?? url
    }

    /// The authority's URL.
    public var description: String { url.absoluteString }

    /// Why a text is not an authority.
    public struct InvalidURL: Error, Sendable, CustomStringConvertible {
        /// The text given.
        public var text: String

        /// Names the text and two good authorities.
        public var description: String {
            "the authority '\(text)' is not an https URL (or http on 127.0.0.1), e.g. \(IdentityAuthority.global) or \(IdentityAuthority.china)"
        }
    }
}
