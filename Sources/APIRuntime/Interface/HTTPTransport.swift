import Foundation

/// An HTTP request as the runtime hands it to a transport.
public struct HTTPRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    /// Header fields in the order they are sent.
    public var headers: [HTTPHeader]
    public var body: Data?
    /// The longest the transport may wait for this request's response.
    public var timeout: Duration
    /// The largest response body the caller accepts, in bytes (nil: no limit). A transport
    /// stops reading past it and throws ``HTTPTransportError/responseTooLarge(limit:)``.
    public var maximumResponseBytes: Int?

    public init(
        method: String, url: URL, headers: [HTTPHeader] = [], body: Data? = nil, timeout: Duration = .seconds(60),
        maximumResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

/// An HTTP response as a transport returns it.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]
    public var body: Data

    public init(status: Int, headers: [HTTPHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

/// An HTTP response whose body a transport streams: status and headers first, then the body
/// in chunks as it arrives.
public struct HTTPStreamedResponse: Sendable {
    public var status: Int
    public var headers: [HTTPHeader]
    /// The body, to be read once: iterate it, ``HTTPBody/collect(upTo:)`` or ``HTTPBody/write(to:)``.
    public var body: HTTPBody

    public init(status: Int, headers: [HTTPHeader] = [], body: HTTPBody = HTTPBody(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

extension [HTTPHeader] {
    /// The first value of the header `name` (case-insensitive).
    func value(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// One header field.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Failures a transport reports beside connection errors.
public enum HTTPTransportError: Error, Sendable, Hashable {
    /// The response body passed ``HTTPRequest/maximumResponseBytes``; the rest was not read.
    case responseTooLarge(limit: Int)
}

/// Sends HTTP requests. The default is `URLSessionTransport`; tests and users may supply their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: when no response arrives (connection failure, timeout, cancellation), and
    ///   ``HTTPTransportError/responseTooLarge(limit:)`` when the body passes the request's limit.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends `request` and returns the response once its head has arrived, with the body to
    /// be read as it arrives, whatever the status.
    ///
    /// The request's ``HTTPRequest/timeout`` bounds the wait for the response head. A
    /// transport that really streams ignores ``HTTPRequest/maximumResponseBytes``: streamed
    /// bodies are meant to be large, and the caller decides how much to read.
    /// - Throws: when no response head arrives (connection failure, timeout, cancellation).
    func stream(_ request: HTTPRequest) async throws -> HTTPStreamedResponse
}

extension HTTPTransport {
    /// Sends `request` with ``send(_:)`` and returns its body as one chunk: a transport that
    /// reads bodies whole streams this way, within the request's
    /// ``HTTPRequest/maximumResponseBytes``.
    public func stream(_ request: HTTPRequest) async throws -> HTTPStreamedResponse {
        let response = try await send(request)
        return HTTPStreamedResponse(status: response.status, headers: response.headers, body: HTTPBody(response.body))
    }
}
