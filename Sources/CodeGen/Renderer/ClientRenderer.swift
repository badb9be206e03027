import SpecKit

/// Prints the client struct: servers, initialisers and the embedded compiled spec.
struct ClientRenderer {
    let spec: Spec

    var clientName: String { Naming.typeName(spec.api + "Client") }

    func render(into printer: inout CodePrinter) {
        printer.lines(SwiftLiteral.docLines(spec.mainAPI.title ?? spec.api))
        if let description = spec.mainAPI.description {
            printer.line("///")
            printer.lines(SwiftLiteral.docLines(description))
        }
        printer.line("///")
        printer.line("/// Each operation of the spec is a method; every request is validated before it is sent")
        printer.line("/// and every response against the spec's schema before it is decoded.")
        printer.block("public struct \(clientName): Sendable {") { body in
            body.line("/// The servers the spec names.")
            body.block("public enum Server: Swift.String, Sendable, CaseIterable {") { servers in
                for server in spec.mainAPI.serversByName {
                    servers.line("/// `\(SwiftLiteral.escaped(server.url))`")
                    servers.line("case \(Naming.escaped(Naming.memberName(server.name))) = \(SwiftLiteral.string(server.name))")
                }
            }
            body.line()
            body.line("/// The spec this client was generated from, compiled for the runtime.")
            body.line("public static let document = APIRuntime.APIDocument(json: \(documentTypeName).json)")
            body.line()
            body.line("/// The generic client that runs this API's operations.")
            body.line("public let client: APIRuntime.APIClient")
            body.line()
            body.line("/// Wraps a configured generic client.")
            body.block("public init(client: APIRuntime.APIClient) {") { initializer in
                initializer.line("self.client = client")
            }
            body.line()
            body.line("/// This client with `change` applied to a copy of its configuration, for one call or a few")
            body.line("/// (a shorter timeout, another retry policy, extra headers): `client.with { $0.retry = .none }.…`.")
            body.block("public func with(_ change: (inout APIRuntime.APIClient.Configuration) -> Swift.Void) -> Self {") { method in
                method.line("Self(client: client.with(change))")
            }
            body.line()
            body.line("/// Creates a client for one of the spec's servers, or for `baseURL` when given.")
            body.line("/// - Parameters:")
            body.line("///   - server: The server to call when `baseURL` is nil.")
            body.line("///   - baseURL: A base URL that replaces the server's, e.g. a local stub.")
            body.line("///   - tokenProvider: Where bearer tokens come from.")
            body.line("///   - configuration: Transport, retries, headers and limits.")
            let others = spec.otherAPIs.map { "`\($0.name)`" }.joined(separator: ", ")
            if !spec.otherAPIs.isEmpty {
                body.line("///   - apis: How to reach the spec's other APIs (\(others)) by name: a base URL, a token")
                body.line("///     provider. Left out, an API uses its server named like `server`, and tokens from")
                body.line("///     `tokenProvider` for its own scopes when it can give them (`ScopedTokenProvider`).")
            }
            let apisParameter = spec.otherAPIs.isEmpty ? "" : ", apis: [Swift.String: APIRuntime.APIClient.Endpoint] = [:]"
            let apisArgument = spec.otherAPIs.isEmpty ? "" : ", apis: apis"
            body.block(
                "public init(server: Server = .default, baseURL: URL? = nil, tokenProvider: (any APIRuntime.TokenProvider)? = nil, configuration: APIRuntime.APIClient.Configuration = .init()\(apisParameter)) {"
            ) { initializer in
                initializer.line(
                    "self.client = APIRuntime.APIClient(document: Self.document, server: server.rawValue, baseURL: baseURL, tokenProvider: tokenProvider, configuration: configuration\(apisArgument))"
                )
            }
        }
    }

    /// The internal enum that holds the compiled spec's JSON text.
    var documentTypeName: String { Naming.typeName(spec.api + "CompiledSpec") }

    /// The type names this renderer declares, or that operations (in an extension of the
    /// client) see before a model's: no model may be named so.
    var declaredTypeNames: Set<String> { [clientName, documentTypeName, "Server"] }
}
