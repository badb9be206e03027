import Foundation

/// The stage of the middlewares placed ``MiddlewarePlacement/beforeAuthentication``: once per
/// attempt, around authentication, the attempt's span and the transport.
extension Exchange {
    /// `send` (authentication, the span, the transport) through those middlewares.
    func perAttempt(
        _ request: TransportRequest, send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        try await configuration.middlewares(at: .beforeAuthentication).send(request, operationID: operation.id, through: send)
    }
}

/// What one attempt sent past the middlewares placed before authentication: the request as
/// signed, its token and span, and where a download's body went. When a middleware answers
/// without sending, the request stays as the middlewares got it, with no token or span.
final class SentAttempt: @unchecked Sendable {
    /// The token provider's failure, carried past the middlewares unretried.
    struct AuthenticationFailed: Error {
        let error: APIError
    }

    private let lock = NSLock()
    private var sentRequest: TransportRequest
    private var sentToken: String?
    private var sentTrace: AttemptTrace?
    private var deliveredBody = DeliveredBody()

    init(_ request: TransportRequest) {
        sentRequest = request
    }

    /// Notes the request as it goes to the transport, with its token and span.
    func record(_ request: TransportRequest, token: String?, trace: AttemptTrace?) {
        lock.withLock {
            sentRequest = request
            sentToken = token
            sentTrace = trace
        }
    }

    var request: TransportRequest { lock.withLock { sentRequest } }
    var token: String? { lock.withLock { sentToken } }
    var trace: AttemptTrace? { lock.withLock { sentTrace } }

    /// Where a download's success body went (see ``DeliveredBody``).
    var delivered: DeliveredBody {
        get { lock.withLock { deliveredBody } }
        set { lock.withLock { deliveredBody = newValue } }
    }
}
