import ArgumentParser
import Foundation
import Logging
import PartnerCenter
import PartnerCenterStub

/// Where calls go and how they authenticate: from the credential sources, or the demo stub.
struct Connection {
    let client: PartnerCenterClient
    /// The demo stub, when no credentials and no base URL were given.
    let stub: PartnerCenterStub?

    /// Opens a connection.
    /// - Parameters:
    ///   - baseURL: `--base-url`, which wins over `PARTNER_CENTER_BASE_URL`.
    ///   - headerValues: Caller-chosen header values (locale, correlation id).
    ///   - validation: What a response that breaks the spec costs (`--validation`).
    static func open(
        baseURL: String?, headerValues: [String: String], validation: ValidationPolicy, logger: Logger? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Connection {
        let configuration = APIClient.Configuration(headerValues: headerValues, validation: validation, log: APIClient.LogOptions(logger: logger))
        let explicitBase = baseURL ?? Variable.value(Variable.baseURL, in: environment)
        guard let tokenProvider = try CredentialSource.resolve(environment).tokenProvider() else {
            if let explicitBase {
                throw UsageError("\(explicitBase) needs credentials: set \(Variable.token), or the four App+User variables, or sign in with partner-center login (see --help).")
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
}
