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

    public init(method: String, url: URL, headers: [HTTPHeader] = [], body: Data? = nil, timeout: Duration = .seconds(60)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
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

/// Sends HTTP requests. The default is `URLSessionTransport`; tests and users may supply their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: when no response arrives (connection failure, timeout, cancellation).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
