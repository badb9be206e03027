/// The stage of the middlewares placed ``MiddlewarePlacement/perCall``: once around all of a
/// call's attempts.
extension Exchange {
    /// How the attempts ended: a response to validate (an error status too), or a success
    /// whose body was delivered past validation (streamed, or written to the file).
    enum Ended {
        case response(TransportResponse, context: CallContext)
        case delivered(Outcome)

        /// The response as a middleware sees it: for a delivered body, its head.
        var response: TransportResponse {
            switch self {
            case let .response(response, _), let .delivered(.downloaded(response, _)): response
            case let .delivered(.streamed(streamed, _)): TransportResponse(status: streamed.status, headers: streamed.headers)
            case let .delivered(.validated(validated)): validated.response
            }
        }
    }

    /// `attempts` through the middlewares placed ``MiddlewarePlacement/perCall``: what they
    /// return is what the call ends with; a delivered body goes past them to the caller.
    func perCall(
        _ request: TransportRequest, context: CallContext, attempts: @escaping @Sendable (TransportRequest) async throws(APIError) -> Ended
    ) async throws(APIError) -> Ended {
        let middlewares = configuration.middlewares(at: .perCall)
        guard !middlewares.isEmpty else { return try await attempts(request) }
        let last = LockedValue<Ended?>(nil)
        let response: TransportResponse
        do {
            response = try await middlewares.send(request, operationID: operation.id) { request in
                let ended = try await attempts(request)
                last.withLock { $0 = ended }
                return ended.response
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw context.error(TransportStage.failure(error))
        }
        // A middleware may replace what the attempts ended with, or answer without them.
        var ended = context
        switch last.withLock({ $0 }) {
        case let .delivered(outcome)?: return .delivered(outcome)
        case let .response(_, context)?: ended = context
        case nil: break
        }
        ended.status = response.status
        return .response(response, context: ended)
    }
}
