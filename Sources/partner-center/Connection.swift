import ArgumentParser
import Foundation
import PartnerCenter
import PartnerCenterStub

/// Where calls go and how they authenticate: from the environment, or the demo stub.
struct Connection {
    let client: PartnerCenterClient
    /// The demo stub, when no credentials and no base URL were given.
    let stub: PartnerCenterStub?

    /// The environment variables read.
    enum Variable {
        static let token = "PARTNER_CENTER_TOKEN"
        static let tenantID = "PARTNER_CENTER_TENANT_ID"
        static let clientID = "PARTNER_CENTER_CLIENT_ID"
        static let clientSecret = "PARTNER_CENTER_CLIENT_SECRET"
        static let refreshToken = "PARTNER_CENTER_REFRESH_TOKEN"
        static let baseURL = "PARTNER_CENTER_BASE_URL"
        static let tokenEndpoint = "PARTNER_CENTER_TOKEN_ENDPOINT"
    }

    /// Opens a connection.
    /// - Parameters:
    ///   - baseURL: `--base-url`, which wins over `PARTNER_CENTER_BASE_URL`.
    ///   - headerValues: Caller-chosen header values (locale, correlation id).
    static func open(
        baseURL: String?, headerValues: [String: String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Connection {
        let configuration = APIClient.Configuration(headerValues: headerValues)
        let explicitBase = baseURL ?? environment[Variable.baseURL].flatMap { $0.isEmpty ? nil : $0 }
        let tokenProvider = try tokenProvider(environment)
        guard let tokenProvider else {
            if let explicitBase {
                throw UsageError("\(explicitBase) needs credentials: set \(Variable.token), or the four App+User variables (see --help).")
            }
            let token = "demo-" + UUID().uuidString
            let stub = try PartnerCenterStub(configuration: StubConfiguration(acceptedToken: token))
            Terminal.note("partner-center: no credentials set, so this shows demo data from a local Partner Center stub at \(stub.baseURL.absoluteString)")
            let client = PartnerCenterClient(baseURL: stub.baseURL, tokenProvider: StaticTokenProvider(token), configuration: configuration)
            return Connection(client: client, stub: stub)
        }
        var url: URL?
        if let explicitBase {
            guard let parsed = URL(string: explicitBase), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
                throw UsageError("the base URL '\(explicitBase)' is not an http or https URL.")
            }
            url = parsed
        }
        return Connection(client: PartnerCenterClient(baseURL: url, tokenProvider: tokenProvider, configuration: configuration), stub: nil)
    }

    /// The token provider the environment describes, or nil when it names no credentials.
    private static func tokenProvider(_ environment: [String: String]) throws -> (any TokenProvider)? {
        let value: (String) -> String? = { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        if let token = value(Variable.token) {
            return StaticTokenProvider(token)
        }
        let names = [Variable.tenantID, Variable.clientID, Variable.clientSecret, Variable.refreshToken]
        let present = names.filter { value($0) != nil }
        guard !present.isEmpty else { return nil }
        guard present.count == names.count, let tenant = value(Variable.tenantID), let client = value(Variable.clientID),
            let secret = value(Variable.clientSecret), let refresh = value(Variable.refreshToken)
        else {
            let missing = names.filter { value($0) == nil }.joined(separator: ", ")
            throw UsageError("incomplete App+User credentials: also set \(missing).")
        }
        let endpoint = value(Variable.tokenEndpoint).flatMap(URL.init(string:))
        return RefreshTokenProvider(
            credentials: .init(tenantID: tenant, clientID: client, clientSecret: secret, refreshToken: refresh),
            tokenEndpoint: endpoint
        )
    }
}
