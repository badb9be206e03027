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
    ///   - apiBaseURLs: Base URLs of the spec's other APIs by name (`--graph-base-url`), which
    ///     win over `PARTNER_CENTER_<API>_BASE_URL`.
    ///   - headerValues: Caller-chosen header values (locale, correlation id).
    ///   - validation: What a response that breaks the spec costs (`--validation`).
    static func open(
        baseURL: String?, apiBaseURLs: [String: String] = [:], headerValues: [String: String], validation: ValidationPolicy,
        logger: Logger? = nil, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Connection {
        var configuration = APIClient.Configuration(headerValues: headerValues, validation: validation, log: APIClient.LogOptions(logger: logger))
        #if AsyncHTTPClientTransport
        // Built with the trait: SwiftNIO's transport, which streams a body at the reader's pace
        // with no timer per chunk (an export's files read with less CPU than over URLSession).
        configuration.transport = AsyncHTTPClientHTTPTransport()
        #endif
        let explicitBase = baseURL ?? Variable.value(Variable.baseURL, in: environment)
        let otherAPIs = Self.otherAPIs
        let explicitAPIBases = otherAPIs.compactMap { name in
            (apiBaseURLs[name] ?? Variable.value(Variable.baseURL(of: name), in: environment)).map { (name, $0) }
        }
        guard let tokenProvider = try CredentialSource.resolve(environment).tokenProvider() else {
            if let explicitBase = explicitBase ?? explicitAPIBases.first?.1 {
                throw UsageError("\(explicitBase) needs credentials: set \(Variable.token), or the four App+User variables, or sign in with partner-center login (see --help).")
            }
            let token = "demo-" + UUID().uuidString
            let stub = try PartnerCenterStub(configuration: StubConfiguration(acceptedToken: token))
            Terminal.note("partner-center: no credentials set, so this shows demo data from a local Partner Center stub at \(stub.baseURL.absoluteString)")
            return Connection(client: stub.client(token: token, configuration: configuration), stub: stub)
        }
        var apis: [String: APIClient.Endpoint] = [:]
        for name in otherAPIs {
            var endpoint = APIClient.Endpoint()
            if let base = explicitAPIBases.first(where: { $0.0 == name })?.1 { endpoint.baseURL = try url(base) }
            if let token = Variable.value(Variable.token(of: name), in: environment) { endpoint.tokenProvider = StaticTokenProvider(token) }
            apis[name] = endpoint
        }
        let client = PartnerCenterClient(baseURL: try explicitBase.map(url), tokenProvider: tokenProvider, configuration: configuration, apis: apis)
        return Connection(client: client, stub: nil)
    }

    /// The names of the spec's APIs besides Partner Center (`Graph`), sorted.
    static var otherAPIs: [String] {
        (try? PartnerCenterClient.document.get())?.otherAPIs.map(\.name) ?? []
    }

    /// `text` as an http or https base URL.
    private static func url(_ text: String) throws -> URL {
        guard let parsed = URL(string: text), let scheme = parsed.scheme, ["http", "https"].contains(scheme), parsed.host != nil else {
            throw UsageError("the base URL '\(text)' is not an http or https URL.")
        }
        return parsed
    }
}
