/// What is known of one call, for its errors and its response: its operation, the ids it was
/// sent with, and the status and correlation vector of the last response it got.
struct CallContext: Sendable {
    var operationID: String
    /// The value of the spec's per-call generated header (Partner Center's `MS-RequestId`).
    var requestID: String? = nil
    /// The header it was sent in.
    var requestIDHeader = "MS-RequestId"
    /// The value of the spec's per-client generated header (`MS-CorrelationId`).
    var correlationID: String? = nil
    /// The service's `MS-CV` of the last response, redacted.
    var correlationVector: String? = nil
    /// The status of the last response.
    var status: Int? = nil

    /// An error of `kind` that says which call it ended.
    func error(_ kind: APIError.Kind) -> APIError {
        var error = APIError(kind)
        error.operationID = operationID
        error.requestID = requestID
        error.requestIDHeader = requestIDHeader
        error.correlationID = correlationID
        error.correlationVector = correlationVector
        error.status = status
        return error
    }
}
