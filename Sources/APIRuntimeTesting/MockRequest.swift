import APIRuntime
import Foundation

/// A request a ``MockTransport`` received, with the operation of the spec it was matched to.
///
/// Handlers get one to answer; ``MockTransport/requests`` keeps every one for assertions.
public struct MockRequest: Sendable, Hashable {
    /// The request as the client sent it.
    public var request: TransportRequest
    /// Its position among the requests the transport received, from 1.
    public var number: Int
    /// The id of the spec's operation whose method and path template match the request, when
    /// the transport was given a document and one matches.
    public var operationID: String?
    /// The values of the path template's parameters, by name (percent-decoded), e.g.
    /// `["customer-tenant-id": "dfe6f203-…"]` for `/v1/customers/{customer-tenant-id}`.
    public var pathParameters: [String: String]

    /// The request method (`GET`, `POST`…).
    public var method: String { request.method }
    /// The whole URL, query included.
    public var url: URL { request.url }
    /// The header fields, in the order they were sent.
    public var headers: [HeaderField] { request.headers }
    /// The body, when one was sent.
    public var body: Data? { request.body }

    /// The body as UTF-8 text, when one was sent.
    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        request.header(name)
    }

    /// The first value of the query parameter `name` (percent-decoded), when the URL has one.
    public func queryValue(_ name: String) -> String? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
    }
}
