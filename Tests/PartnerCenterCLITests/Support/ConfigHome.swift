import Foundation
import LocalHTTPServer
import PartnerCenterStub

/// A temporary `XDG_CONFIG_HOME` for one test, so that no test touches the real home;
/// removed when the test is done with it.
final class ConfigHome: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("partner-center-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The directory of the token cache.
    var cacheDirectory: URL { url.appendingPathComponent("partner-center") }
    /// The token cache file.
    var cacheFile: URL { cacheDirectory.appendingPathComponent("credentials.json") }

    /// `XDG_CONFIG_HOME` set to this directory.
    var environment: [String: String] { ["XDG_CONFIG_HOME": url.path] }

    /// The environment signing in to `authority` and calling `baseURL`, with polls 100 times faster.
    func environment(authority: URL, baseURL: URL? = nil) -> [String: String] {
        var environment = self.environment
        environment["PARTNER_CENTER_AUTHORITY"] = authority.absoluteString
        environment["PARTNER_CENTER_LOGIN_POLL_SCALE"] = "0.01"
        environment["PARTNER_CENTER_BASE_URL"] = baseURL?.absoluteString
        return environment
    }

    /// The kept sign-ins as JSON objects (the tests may read the tokens; the CLI never prints them).
    func keptSignIns() throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: cacheFile)) as? [String: Any]
        return object?["signIns"] as? [[String: Any]] ?? []
    }

    /// The refresh token of the only kept sign-in.
    func keptRefreshToken() throws -> String? {
        try keptSignIns().first?["refreshToken"] as? String
    }

    /// Every token in the cache file: what no output may show.
    func keptTokens() throws -> [String] {
        try keptSignIns().flatMap { [$0["refreshToken"] as? String, $0["accessToken"] as? String].compactMap(\.self) }
    }

    /// The permission bits of `url`.
    static func mode(of url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? -1
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

extension StubFixture {
    /// The stub's base URL as a URL.
    var url: URL { stub.baseURL }
}
