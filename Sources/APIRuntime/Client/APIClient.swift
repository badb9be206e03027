import Foundation

/// Runs the operations of a compiled spec: validates the arguments, builds the request with
/// the spec's shared headers and a bearer token, retries what may be retried, validates the
/// response against the spec's schema for its status, then decodes it.
///
/// Generated clients wrap one; it can also run any operation by id (`send(_:parameters:as:)`).
public struct APIClient: Sendable {
    /// The compiled spec.
    public let document: APIDocument
    /// The configuration in use.
    public private(set) var configuration: Configuration
    private let serverName: String
    private let explicitBaseURL: URL?
    private let tokenProvider: (any TokenProvider)?
    /// How the spec's other APIs are reached, by name, with the token providers derived for
    /// them.
    private let endpoints: [String: Endpoint]
    /// `MS-CorrelationId`-style headers generated once per client.
    private let clientHeaderValues: [String: String]

    /// How the client reaches one of the spec's other APIs (`apis:`, e.g. Microsoft Graph
    /// beside Partner Center).
    public struct Endpoint: Sendable {
        /// A base URL that replaces the API's server (its origin: the spec's paths keep their
        /// version prefix, `/v1.0/…`).
        public var baseURL: URL?
        /// Where its tokens come from. Nil: the client's own token provider when it is a
        /// ``ScopedTokenProvider``, asked for this API's scopes (one sign-in, every
        /// audience); otherwise no token is sent.
        public var tokenProvider: (any TokenProvider)?

        public init(baseURL: URL? = nil, tokenProvider: (any TokenProvider)? = nil) {
            self.baseURL = baseURL
            self.tokenProvider = tokenProvider
        }
    }

    /// Creates a client.
    /// - Parameters:
    ///   - document: The compiled spec (a generated client's `document`).
    ///   - server: The name of the spec's server to call when `baseURL` is nil.
    ///   - baseURL: A base URL that replaces the server's.
    ///   - tokenProvider: Where bearer tokens come from; nil sends no `Authorization`.
    ///   - configuration: Transport, retries, header values and limits.
    ///   - apis: For a spec with other APIs (`apis:`), how to reach each, by name: a base URL
    ///     and a token provider of its own. An API left out uses its server of the same name
    ///     as `server`, and tokens from `tokenProvider` when it is a ``ScopedTokenProvider``.
    public init(
        document: APIDocument, server: String = "default", baseURL: URL? = nil, tokenProvider: (any TokenProvider)? = nil,
        configuration: Configuration = Configuration(), apis: [String: Endpoint] = [:]
    ) {
        self.document = document
        self.serverName = server
        self.explicitBaseURL = baseURL
        self.tokenProvider = tokenProvider
        self.configuration = configuration
        let contents = try? document.get()
        var endpoints: [String: Endpoint] = [:]
        for api in contents?.otherAPIs ?? [] {
            var endpoint = apis[api.name] ?? Endpoint()
            if endpoint.tokenProvider == nil, !api.scopes.isEmpty, let scoped = tokenProvider as? any ScopedTokenProvider {
                endpoint.tokenProvider = scoped.provider(forScopes: api.scopes)
            }
            endpoints[api.name] = endpoint
        }
        self.endpoints = endpoints
        var generated: [String: String] = [:]
        for header in contents?.apis.values.flatMap(\.headers) ?? [] where header.source == .uuidPerClient {
            generated[header.name] = configuration.headerValues[header.name] ?? UUID().uuidString.lowercased()
        }
        self.clientHeaderValues = generated
    }

    /// This client with `change` applied to a copy of its configuration: for one call, or a
    /// few, with a shorter timeout, another retry policy, extra headers or middleware, and no
    /// new client to build. The copy shares the transport and keeps this client's generated
    /// headers (its `MS-CorrelationId`).
    ///
    /// ```swift
    /// let customer = try await client.with { $0.requestTimeout = .seconds(5); $0.retry = .none }
    ///     .send("getCustomerById", parameters: ["customer-tenant-id": .string(id)], as: Customer.self)
    /// ```
    public func with(_ change: (inout Configuration) -> Void) -> APIClient {
        var copy = self
        change(&copy.configuration)
        return copy
    }

    /// The base URL requests to the main API go to.
    public func baseURL() throws(APIError) -> URL {
        try baseURL(of: document.get().mainAPI)
    }

    /// The base URL requests to `api` go to: the one given for it, or its server named like
    /// the client's.
    func baseURL(of api: APIDocument.API) throws(APIError) -> URL {
        let contents = try document.get()
        let isMain = api.name == contents.api
        if let given = isMain ? explicitBaseURL : endpoints[api.name]?.baseURL { return given }
        guard let text = api.servers[serverName], let url = URL(string: text) else {
            let which = isMain ? "the spec" : "API \(api.name)"
            throw APIError(.invalidRequest(["\(which) names no server '\(serverName)'"]))
        }
        return url
    }

    /// The base URL of the API `operation` belongs to.
    func baseURL(of operation: OperationDescription) throws(APIError) -> URL {
        try baseURL(of: document.get().api(of: operation))
    }

    /// Where the tokens of `api`'s requests come from.
    func tokenProvider(of api: APIDocument.API) -> (any TokenProvider)? {
        (try? document.get().api) == api.name ? tokenProvider : endpoints[api.name]?.tokenProvider
    }

    /// Calls operation `operationID` and decodes its success response as `Response`.
    /// - Parameters:
    ///   - parameters: Values by parameter name, or for a property of a JSON object
    ///     parameter by `parameter.property` (``OperationArguments``); nil or absent means
    ///     not given. A `const` parameter or property is filled in.
    ///   - body: The request body, validated against the spec's schema before it is sent.
    /// - Throws: `APIError`.
    public func send<Response: Decodable>(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, as type: Response.Type
    ) async throws(APIError) -> Response {
        try await call(operationID, parameters: parameters, body: body).decode(as: type)
    }

    /// Calls operation `operationID` and returns its validated JSON body (`null` for a
    /// response the spec declares without one).
    public func sendJSON(_ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil) async throws(APIError) -> JSONValue {
        try await call(operationID, parameters: parameters, body: body).json
    }

    /// Calls operation `operationID` and returns the whole response: status, headers and
    /// request ids, with its validated JSON body (`null` when the status has none).
    /// - Throws: `APIError`.
    public func sendResponse(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil
    ) async throws(APIError) -> APIResponse<JSONValue> {
        let response = try await call(operationID, parameters: parameters, body: body)
        return APIResponse(response, value: response.json)
    }

    /// Calls operation `operationID` and returns the whole response with its body decoded
    /// as `Value`.
    /// - Throws: `APIError`.
    public func sendResponse<Value: Decodable & Sendable>(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, as type: Value.Type
    ) async throws(APIError) -> APIResponse<Value> {
        let response = try await call(operationID, parameters: parameters, body: body)
        return APIResponse(response, value: try response.decode(as: type))
    }

    /// Calls operation `operationID`, whose success statuses have different shapes, and
    /// returns the whole response with the case its status is.
    /// - Throws: `APIError`.
    public func sendResponse<Cases: ResponseCases>(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, cases type: Cases.Type
    ) async throws(APIError) -> APIResponse<Cases> {
        let raw = try await sendResponse(operationID, parameters: parameters, body: body)
        return try raw.map { _ throws(APIError) in try Cases(raw) }
    }

    /// Every page of a paged operation, following each page's next link.
    public func pages<Page: Decodable & Sendable, Item: Sendable>(
        _ operationID: String, as type: Page.Type, parameters: @escaping @Sendable () throws -> [String: JSONValue?],
        items: @escaping @Sendable (Page) -> [Item]
    ) -> PageSequence<Page, Item> {
        PageSequence(client: self, operationID: operationID, parameters: parameters, items: items)
    }

    /// Calls operation `operationID`, whose success response is bytes of a media type (a
    /// PDF…), and returns the response with its body still to be read: iterate
    /// ``APIDownload/body``; it is never held whole in memory. To save it in a file, prefer
    /// ``download(_:parameters:body:to:)``, which keeps memory flat however fast it arrives. An
    /// error status is read whole and thrown as `APIError.Kind.status` with the Partner
    /// Center error body.
    /// - Throws: `APIError`.
    public func download(_ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil) async throws(APIError) -> APIDownload {
        switch try await runDownload(operationID, parameters: parameters, body: body, delivery: .streamed) {
        case let .streamed(response, context): return APIDownload(response: response, context: context)
        case let .validated(response): throw response.context.error(.undeclaredStatus(response.response.status))
        case let .downloaded(response, context): throw context.error(.undeclaredStatus(response.status))
        }
    }

    /// Calls operation `operationID`, whose success response is bytes of a media type (a
    /// PDF…), and writes them to `fileURL`: the transport writes them to a temporary file as
    /// they arrive, which replaces `fileURL` once the whole body is there, so memory stays
    /// flat however fast it comes and a reader of `fileURL` never sees part of it. When the
    /// call fails, `fileURL` is left as it was. An error status is thrown as
    /// `APIError.Kind.status` with the Partner Center error body.
    /// - Returns: The response, whose value is the number of bytes written.
    /// - Throws: `APIError`.
    public func download(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, to fileURL: URL
    ) async throws(APIError) -> APIResponse<Int> {
        switch try await runDownload(operationID, parameters: parameters, body: body, delivery: .file(fileURL)) {
        case let .downloaded(response, context):
            let size = (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0
            return APIResponse(ValidatedResponse(response: response, json: .null, context: context), value: size)
        case let .validated(response): throw response.context.error(.undeclaredStatus(response.response.status))
        case let .streamed(response, context): throw context.error(.undeclaredStatus(response.status))
        }
    }

    /// One call of a download: a success status must be one the spec declares with bytes.
    private func runDownload(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue?, delivery: Exchange.Delivery
    ) async throws(APIError) -> Exchange.Outcome {
        let (operation, url, headers, payload) = try request(operationID, parameters: parameters, body: body)
        let exchange = Exchange(client: self, contents: try document.get(), operation: operation)
        let outcome = try await exchange.run(method: operation.method.rawValue, url: url, extraHeaders: headers, body: payload, delivery: delivery)
        let status: Int
        let context: CallContext
        switch outcome {
        case let .streamed(response, streamedContext): (status, context) = (response.status, streamedContext)
        case let .downloaded(response, downloadedContext): (status, context) = (response.status, downloadedContext)
        case .validated: return outcome
        }
        guard let declared = operation.response(.code(status)) else { throw context.error(.undeclaredStatus(status)) }
        if declared.schemaName != nil {
            throw context.error(.invalidRequest(["\(operationID) answers HTTP \(status) with JSON, not bytes: call it with send"]))
        }
        return outcome
    }

    /// Runs one call of an operation: the first request of a listing or a single call (a
    /// listing's later one with `continuation`, a header that names the page it wants).
    func call(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, continuation: HeaderField? = nil
    ) async throws(APIError) -> ValidatedResponse {
        let (operation, url, headers, payload) = try request(operationID, parameters: parameters, body: body)
        return try await execute(operation, method: operation.method.rawValue, url: url, extraHeaders: headers + (continuation.map { [$0] } ?? []), body: payload)
    }

    /// The validated request of one call: its operation, URL, parameter headers and body.
    private func request(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue?
    ) throws(APIError) -> (OperationDescription, URL, [HeaderField], Data?) {
        let contents = try document.get()
        guard let operation = contents.operations[operationID] else {
            throw APIError(.invalidRequest(["the spec has no operation '\(operationID)'"]))
        }
        let given = OperationArguments(operation: operation, schemas: contents.schemas).parameterValues(parameters)
        let values = try ParameterValidator(contents: contents, maximumViolations: configuration.maximumViolations)
            .validate(given.compactMapValues(\.self), body: body, for: operation)
        let url = try RequestBuilder(baseURL: baseURL(of: operation)).url(for: operation, values: values)
        var headers = operation.parameters.filter { $0.location == .header }.compactMap { parameter in
            values[parameter.name].map { HeaderField(name: parameter.name, value: ParameterText.text(of: $0, json: parameter.isJSON)) }
        }
        var payload: Data?
        if let body, let mediaType = operation.body?.mediaType {
            payload = RequestBuilder.body(body, mediaType: mediaType)
            headers.append(HeaderField(name: "Content-Type", value: mediaType == .json ? "application/json; charset=utf-8" : mediaType.rawValue))
        } else if [.POST, .PUT, .PATCH].contains(operation.method) {
            // No body: an empty one, so the request says `Content-Length: 0` (some servers
            // answer 411 to a POST without a length).
            payload = Data()
        }
        return (operation, url, headers, payload)
    }

    /// Sends one call (with its retries) and validates the response.
    func execute(
        _ operation: OperationDescription, method: String, url: URL, extraHeaders: [HeaderField], body: Data? = nil
    ) async throws(APIError) -> ValidatedResponse {
        let contents = try document.get()
        let exchange = Exchange(client: self, contents: contents, operation: operation)
        return try await exchange.run(method: method, url: url, extraHeaders: extraHeaders, body: body)
    }

    /// The value of each shared header of `api` for one call.
    func sharedHeaders(_ api: APIDocument.API, requestID: String) -> [HeaderField] {
        api.headers.map { header in
            let value: String
            switch header.source {
            case let .fixed(fixed): value = fixed
            case let .defaultValue(fallback): value = configuration.headerValues[header.name] ?? fallback
            case .uuidPerCall: value = requestID
            case .uuidPerClient: value = clientHeaderValues[header.name] ?? configuration.headerValues[header.name] ?? ""
            }
            return HeaderField(name: header.name, value: value)
        }
    }
}
