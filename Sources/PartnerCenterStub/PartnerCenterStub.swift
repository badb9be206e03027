import Foundation
import LocalHTTPServer
import PartnerCenter

/// A local stand-in for Partner Center on 127.0.0.1, speaking its protocol for
/// `GET /v1/customers`: bearer token and required headers checked, the JSON `filter`
/// applied, pages linked by `links.next` with an `MS-ContinuationToken`, request ids echoed.
///
/// It is also an identity platform to sign in to: the v2.0 device-code and token endpoints
/// of any tenant, at `/{tenant}/oauth2/v2.0/…` (see ``SignInBehaviour``), so that its base
/// URL serves as the authority of `partner-center login`.
///
/// Used by the CLI's demo mode and by tests.
public final class PartnerCenterStub: Sendable {
    /// The server's base URL, e.g. `http://127.0.0.1:51234`.
    public var baseURL: URL { server.baseURL }
    /// The sample data it serves.
    public let data: SampleData
    private let server: LocalHTTPServer
    private let identity: StubIdentity

    /// Starts the stub.
    /// - Parameters:
    ///   - port: The port, or 0 for a free one.
    ///   - configuration: Data size, accepted token, page size, faults.
    public init(port: Int = 0, configuration: StubConfiguration = StubConfiguration()) throws {
        let data = SampleData(customerCount: configuration.customerCount)
        let handler = StubHandler(data: data, configuration: configuration)
        self.data = data
        self.identity = handler.identity
        self.server = try LocalHTTPServer(port: port) { request in handler.respond(to: request) }
    }

    /// The requests its token endpoint (`/{tenant}/oauth2/v2.0/token`) received, in order.
    public var tokenRequests: [StubTokenRequest] { identity.tokenRequests }

    /// A client of every API of the spec (Partner Center, Microsoft Graph…) on this stub,
    /// which serves them all on its one port, sending `token`.
    public func client(token: String, configuration: APIClient.Configuration = .init()) -> PartnerCenterClient {
        let tokens = StaticTokenProvider(token)
        return PartnerCenterClient(
            baseURL: baseURL, tokenProvider: tokens, configuration: configuration,
            apis: PartnerCenterClient.document.endpoints(allAt: baseURL, tokenProvider: tokens)
        )
    }

    /// Stops the server.
    public func stop() {
        server.stop()
    }
}
