import APIRuntime
import Foundation

/// A canned answer of a ``MockTransport``: status, headers and body.
///
/// ```swift
/// MockResponse.json(#"{"id":"dfe6f203-4c1d-43d9-aa3c-842ab3d98c7c"}"#)
/// MockResponse.status(503, headers: [HeaderField(name: "Retry-After", value: "1")])
/// MockResponse.data(pdf, contentType: "application/pdf", chunkSize: 16_384)
/// ```
public struct MockResponse: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The header fields, in the order they are returned.
    public var headers: [HeaderField]
    /// The body, whole.
    public var body: Data
    /// When the response is streamed (``MockTransport/stream(_:)``, and so downloads), the
    /// body arrives in chunks of at most this many bytes; nil: in one chunk.
    public var chunkSize: Int?

    /// Creates a response.
    /// - Parameters:
    ///   - status: The HTTP status.
    ///   - headers: The header fields.
    ///   - body: The body.
    ///   - chunkSize: The largest chunk a streamed body arrives in; nil for one chunk.
    public init(status: Int = 200, headers: [HeaderField] = [], body: Data = Data(), chunkSize: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.chunkSize = chunkSize
    }

    /// A response whose body is `text`, sent as `Content-Type: application/json; charset=utf-8`.
    ///
    /// The text is not checked: a malformed body tests how the client copes with one.
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - status: The HTTP status (default 200).
    ///   - headers: Header fields besides `Content-Type`.
    public static func json(_ text: String, status: Int = 200, headers: [HeaderField] = []) -> MockResponse {
        MockResponse(status: status, headers: [HeaderField(name: "Content-Type", value: "application/json; charset=utf-8")] + headers, body: Data(text.utf8))
    }

    /// A response whose body is bytes of `contentType` (a PDF…).
    /// - Parameters:
    ///   - body: The bytes.
    ///   - contentType: The `Content-Type` sent.
    ///   - status: The HTTP status (default 200).
    ///   - headers: Header fields besides `Content-Type`.
    ///   - chunkSize: The largest chunk a streamed body arrives in; nil for one chunk.
    public static func data(
        _ body: Data, contentType: String, status: Int = 200, headers: [HeaderField] = [], chunkSize: Int? = nil
    ) -> MockResponse {
        MockResponse(status: status, headers: [HeaderField(name: "Content-Type", value: contentType)] + headers, body: body, chunkSize: chunkSize)
    }

    /// A response with `status`, `headers` and no body (a 204, or a 503 with `Retry-After`).
    public static func status(_ status: Int, headers: [HeaderField] = []) -> MockResponse {
        MockResponse(status: status, headers: headers)
    }

    /// The body cut into the chunks a streamed response delivers.
    var chunks: [Data] {
        guard let chunkSize, chunkSize > 0, body.count > chunkSize else { return [body] }
        return stride(from: 0, to: body.count, by: chunkSize).map { start in
            body.subdata(in: (body.startIndex + start)..<(body.startIndex + min(start + chunkSize, body.count)))
        }
    }
}
