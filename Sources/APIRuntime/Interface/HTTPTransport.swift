import Foundation

/// An HTTP request as the runtime hands it to a transport.
public struct TransportRequest: Sendable, Hashable {
    public var method: String
    public var url: URL
    /// Header fields in the order they are sent.
    public var headers: [HeaderField]
    public var body: Data?
    /// The longest the transport may wait for this request's response.
    public var timeout: Duration
    /// The largest response body the caller accepts, in bytes (nil: no limit). A transport
    /// stops reading past it and throws ``HTTPTransportError/responseTooLarge(limit:)``.
    public var maximumResponseBytes: Int?

    public init(
        method: String, url: URL, headers: [HeaderField] = [], body: Data? = nil, timeout: Duration = .seconds(60),
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
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: Data

    public init(status: Int, headers: [HeaderField] = [], body: Data = Data()) {
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
public struct TransportStreamedResponse: Sendable {
    public var status: Int
    public var headers: [HeaderField]
    /// The body, to be read once: iterate it, ``ResponseBodyStream/collect(upTo:)`` or ``ResponseBodyStream/write(to:)``.
    public var body: ResponseBodyStream

    public init(status: Int, headers: [HeaderField] = [], body: ResponseBodyStream = ResponseBodyStream(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }
}

extension [HeaderField] {
    /// The first value of the header `name` (case-insensitive).
    func value(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The `Content-Type` without parameters, lowercased.
    var mediaType: String? {
        value(named: "Content-Type")?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }
}

/// One header field.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// Failures a transport reports beside connection errors.
public enum HTTPTransportError: Error, Sendable, Hashable {
    /// The response body passed ``TransportRequest/maximumResponseBytes``; the rest was not read.
    case responseTooLarge(limit: Int)
    /// No response came within the request's ``TransportRequest/timeout``. (`URLError(.timedOut)`
    /// means the same.)
    case timedOut
}

/// Sends HTTP requests. The default is `URLSessionHTTPTransport`; tests and users may supply their own.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: when no response arrives (connection failure, timeout, cancellation), and
    ///   ``HTTPTransportError/responseTooLarge(limit:)`` when the body passes the request's limit.
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends `request` and returns the response once its head has arrived, with the body to
    /// be read as it arrives, whatever the status.
    ///
    /// The request's ``TransportRequest/timeout`` bounds the wait for the response head. A
    /// transport that really streams ignores ``TransportRequest/maximumResponseBytes``: streamed
    /// bodies are meant to be large, and the caller decides how much to read.
    /// - Throws: when no response head arrives (connection failure, timeout, cancellation).
    func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse

    /// Sends `request` and writes the body of a success (2xx) response to `fileURL`,
    /// replacing what is there, once the whole body has arrived; the returned response's body
    /// is then empty. The body of any other status is returned in the response, within the
    /// request's ``TransportRequest/maximumResponseBytes``, and nothing is written.
    ///
    /// When the transfer fails, `fileURL` is left as it was.
    /// - Throws: when the transfer fails (connection failure, timeout, cancellation), or the
    ///   file cannot be written.
    func download(_ request: TransportRequest, to fileURL: URL) async throws -> TransportResponse
}

extension HTTPTransport {
    /// Sends `request` with ``send(_:)`` and returns its body as one chunk: a transport that
    /// reads bodies whole streams this way, within the request's
    /// ``TransportRequest/maximumResponseBytes``.
    public func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        let response = try await send(request)
        return TransportStreamedResponse(status: response.status, headers: response.headers, body: ResponseBodyStream(response.body))
    }

    /// Streams `request` with ``stream(_:)``; a success body is written to a temporary file
    /// beside `fileURL`, which then replaces `fileURL`.
    public func download(_ request: TransportRequest, to fileURL: URL) async throws -> TransportResponse {
        let response = try await stream(request)
        guard (200...299).contains(response.status) else {
            let body = try await response.body.collect(upTo: request.maximumResponseBytes ?? .max)
            return TransportResponse(status: response.status, headers: response.headers, body: body)
        }
        let partial = FileReplacement.partialFile(beside: fileURL)
        try await response.body.write(to: partial)
        do {
            try FileReplacement.replace(fileURL, with: partial)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        return TransportResponse(status: response.status, headers: response.headers)
    }
}
