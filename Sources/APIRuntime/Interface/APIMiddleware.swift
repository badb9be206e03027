/// A step that a call passes through: to log or trace it, change its request, look at or
/// replace its response, or answer it without sending anything (a test double).
///
/// Where it runs among the built-in stages is its ``MiddlewarePlacement``. Middlewares at one
/// place run in the order given, the first outermost. By default
/// (``APIClient/Configuration/middlewares``, ``MiddlewarePlacement/beforeTransport``) they run
/// once per attempt, inside the retry loop: a retried call passes through them again. The
/// request they get there is complete: the spec's shared headers, the operation's
/// parameters and body, and `Authorization: Bearer …` (when the spec uses bearer auth) are
/// already set, so a middleware can see and change everything that is sent. What they
/// return is what the client then validates against the spec; an error they throw fails the
/// attempt like a transport error (and is retried the same way). Tokens stay out of errors:
/// whatever a middleware or the transport throws is redacted before it reaches the caller.
///
/// For a download the response a middleware gets carries the status and headers of a success
/// response but not its body, which streams to the caller (or the file) past the middlewares;
/// a response a middleware makes itself is delivered with its body.
public protocol APIMiddleware: Sendable {
    /// Handles one attempt.
    /// - Parameters:
    ///   - request: The attempt's request.
    ///   - operationID: The spec's operation id (for a next page, its listing operation's).
    ///   - next: Sends a request on: to the next middleware, then the transport.
    /// - Returns: The response for the attempt.
    func intercept(
        _ request: TransportRequest, operationID: String, next: @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse
}

/// Where a middleware runs among the request pipeline's built-in stages (request ids and
/// shared headers, then per attempt pacing, authentication, tracing and logging, the
/// transport; retries around the attempts; validation last), as Azure Core places a policy
/// per call or per retry.
public enum MiddlewarePlacement: Sendable, Hashable, CaseIterable {
    /// Once per call, around every built-in stage but the first and the last: after the
    /// request ids and shared headers are set, before pacing, authentication and retries.
    /// Its `next` runs all the attempts and returns the response the call ends with (after
    /// retries), which is then validated; what it throws ends the call, unretried. The request
    /// has no `Authorization` header yet. A cache or a call-level timer goes here.
    case perCall
    /// Once per attempt, after pacing and before authentication: the request has no
    /// `Authorization` header yet, and what the middleware sends is then signed, traced and
    /// sent. What it throws fails the attempt like a transport failure (and is retried the
    /// same way). A signature of the body, or a header a tracer should see, goes here.
    case beforeAuthentication
    /// Once per attempt, right before the transport, after authentication and tracing: it
    /// sees every header that is sent. ``APIClient/Configuration/middlewares`` run here.
    case beforeTransport
}

extension [any APIMiddleware] {
    /// Sends `request` through the middlewares, the first outermost, then `send`.
    func send(
        _ request: TransportRequest, operationID: String, through send: @escaping @Sendable (TransportRequest) async throws -> TransportResponse
    ) async throws -> TransportResponse {
        let chain = reversed().reduce(send) { next, middleware in
            { @Sendable request in try await middleware.intercept(request, operationID: operationID, next: next) }
        }
        return try await chain(request)
    }
}
