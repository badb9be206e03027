import Foundation

/// A whole response of a call: its status, its headers, the ids that find the call in
/// Partner Center's logs, and its value.
///
/// Every generated operation has a `…Response` twin that returns one, for the `Location` of a
/// 202, an `ETag`, or the request ids; the plain method returns the value alone.
public struct APIResponse<Value: Sendable>: Sendable, ResponseHead {
    /// The HTTP status (one the spec declares for the operation).
    public let status: Int
    /// The response's header fields, as received.
    public let headers: [HeaderField]
    /// The body, validated and decoded; for a status without a body, what stands for none.
    public let value: Value
    /// `MS-RequestId` sent with the call (the same on each of its retries).
    public let requestID: String?
    /// `MS-CorrelationId` sent with the call.
    public let correlationID: String?
    /// `MS-CV` of the response, when it has one.
    public let correlationVector: String?
    /// How the body breaks the spec's schema, each violation with its JSON pointer: empty
    /// when it conforms, and always under ``ValidationPolicy/strict`` (which throws instead).
    public let violations: [SchemaViolation]
    /// The validated JSON body (`null` when none), and the call's context for errors.
    private let json: JSONValue
    private let context: CallContext

    init(_ response: ValidatedResponse, value: Value) {
        status = response.response.status
        headers = response.response.headers
        self.value = value
        requestID = response.context.requestID
        correlationID = response.context.correlationID
        correlationVector = response.context.correlationVector
        violations = response.violations
        json = response.json
        context = response.context
    }

    private init<Other>(_ other: APIResponse<Other>, value: Value) {
        status = other.status
        headers = other.headers
        self.value = value
        requestID = other.requestID
        correlationID = other.correlationID
        correlationVector = other.correlationVector
        violations = other.violations
        json = other.json
        context = other.context
    }

    /// The same response with `transform` applied to its value.
    public func map<Other: Sendable>(_ transform: (Value) throws(APIError) -> Other) throws(APIError) -> APIResponse<Other> {
        APIResponse<Other>(self, value: try transform(value))
    }

    /// The validated JSON body decoded as `type`.
    /// - Throws: `APIError.Kind.decoding` when it does not decode.
    public func decodeBody<T: Decodable>(as type: T.Type) throws(APIError) -> T {
        try ValidatedResponse(response: TransportResponse(status: status, headers: headers), json: json, context: context, violations: violations)
            .decode(as: type)
    }

    /// The error for a status that none of a `ResponseCases` type's cases is.
    public var undeclaredStatus: APIError {
        context.error(.undeclaredStatus(status))
    }
}

/// The value of an operation whose success statuses differ in shape (`200` with the resource,
/// `202` with only a `Location`…): an enum with a case per status, made from the response.
public protocol ResponseCases: Sendable {
    /// The case for `response`'s status, its body decoded.
    /// - Throws: `APIError` when the body does not decode, or `response.undeclaredStatus`.
    init(_ response: APIResponse<JSONValue>) throws(APIError)
}

/// A response whose body is bytes of a media type, not yet read: the status, the headers,
/// the call's ids, and the body to iterate or write to a file.
public struct APIDownload: Sendable, ResponseHead {
    /// The HTTP status (a success status the spec declares with `content:`).
    public let status: Int
    /// The response's header fields, as received.
    public let headers: [HeaderField]
    /// The body, read as it arrives; read it once.
    public let body: ResponseBodyStream
    /// `MS-RequestId` sent with the call.
    public let requestID: String?
    /// `MS-CorrelationId` sent with the call.
    public let correlationID: String?
    /// `MS-CV` of the response, when it has one.
    public let correlationVector: String?

    init(response: TransportStreamedResponse, context: CallContext) {
        status = response.status
        headers = response.headers
        body = response.body
        requestID = context.requestID
        correlationID = context.correlationID
        correlationVector = context.correlationVector
    }
}

/// A response's head: its header fields, and the lookups every kind of response offers.
public protocol ResponseHead {
    /// The response's header fields, as received.
    var headers: [HeaderField] { get }
}

extension ResponseHead {
    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.value(named: name)
    }

    /// The media type the server sent (`Content-Type` without parameters), lowercased.
    public var mediaType: String? {
        headers.mediaType
    }
}
