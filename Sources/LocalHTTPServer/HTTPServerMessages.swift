import Foundation

/// A request received by `LocalHTTPServer`.
public struct HTTPServerRequest: Sendable {
    public var method: String
    /// The request target as sent: path and query, still percent-encoded.
    public var target: String
    /// Header fields in the order received.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The connection that carried the request, numbered from 1 in the order accepted: two
    /// requests with the same number came over one kept-alive connection.
    public var connection = 0

    /// A request as a handler receives it, e.g. to call a handler directly in a test.
    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: Data = Data(), connection: Int = 0) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.connection = connection
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The path, percent-decoded, without the query.
    public var path: String {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? target
        return raw.removingPercentEncoding ?? raw
    }

    /// The query parameters, decoded as HTML forms encode them (`+` is a space, `%XX` a byte,
    /// hexadecimal digits of either case), in order. A name or value whose escapes are not
    /// UTF-8 is kept as sent.
    public var query: [(name: String, value: String)] {
        guard let mark = target.firstIndex(of: "?") else { return [] }
        return target[target.index(after: mark)...].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = { part in
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? String(part)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The first value of query parameter `name`.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }
}

/// A response for `LocalHTTPServer` to send: a whole body, or one streamed in chunks.
public struct HTTPServerResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    /// What the server sends after the head.
    var content: Content

    /// A body held whole, or produced chunk by chunk while it is written.
    enum Content: Sendable {
        case whole(Data)
        case streamed(length: Int, producer: @Sendable (_ offset: Int) -> Data?)
    }

    /// The body held whole; empty for a streamed response (setting it replaces the stream).
    public var body: Data {
        get {
            if case let .whole(data) = content { data } else { Data() }
        }
        set { content = .whole(newValue) }
    }

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        content = .whole(body)
    }

    /// A response whose body of `streamingLength` bytes is produced while it is written, so
    /// that it never is in memory whole.
    ///
    /// The worker that writes the response calls `producer` with the number of bytes written
    /// so far and sends what it returns, blocking while the client does not read (up to
    /// `Limits.writeTimeout` per chunk); the response holds that worker until its last byte.
    /// Bytes past `streamingLength` are not sent. When `producer` returns nil or an empty
    /// chunk before the end, the server closes the connection: the client sees a body cut short.
    /// - Parameters:
    ///   - streamingLength: The body's length, sent as `Content-Length`.
    ///   - producer: The chunk that starts at `offset`; called on a worker thread, in order.
    public init(
        status: Int, headers: [(name: String, value: String)] = [], streamingLength: Int,
        producer: @escaping @Sendable (_ offset: Int) -> Data?
    ) {
        self.status = status
        self.headers = headers
        content = .streamed(length: max(0, streamingLength), producer: producer)
    }

    /// A response with a JSON body.
    public static func json(_ status: Int, _ text: String, headers: [(name: String, value: String)] = []) -> HTTPServerResponse {
        HTTPServerResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: Data(text.utf8))
    }
}
