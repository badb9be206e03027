/// What one attempt of a call did, for logs and metrics.
///
/// It carries no header values and no body, so it cannot carry a token.
public struct APIEvent: Sendable, CustomStringConvertible {
    public var operationID: String
    public var method: String
    /// The request path, without the query.
    public var path: String
    /// The attempt number, from 1.
    public var attempt: Int
    /// The response status, or nil when no response arrived.
    public var status: Int?
    /// How long the attempt took.
    public var duration: Duration
    /// `MS-RequestId` of the call, when the spec generates one.
    public var requestID: String?
    /// Why the attempt failed, when it did (already redacted).
    public var failure: String?

    /// `GET /v1/customers 200 attempt 1 12 ms request 3f…`.
    public var description: String {
        var text = "\(operationID): \(method) \(path) \(status.map(String.init) ?? "no response") attempt \(attempt) \(duration.wholeMilliseconds) ms"
        if let requestID { text += " request \(requestID)" }
        if let failure { text += " (\(failure))" }
        return text
    }
}
