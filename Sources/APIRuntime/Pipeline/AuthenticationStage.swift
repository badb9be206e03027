/// The stage that signs each attempt: `Authorization: Bearer …` when the spec uses bearer
/// auth and a token provider is set, and after a 401 one new token in place of the refused one.
struct AuthenticationStage {
    let usesBearerAuth: Bool
    let tokenProvider: (any TokenProvider)?
    let operationID: String

    /// The token to send: a new one in place of `rejected` after a 401; nil when the call
    /// sends none.
    func token(replacing rejected: String?, context: CallContext) async throws(APIError) -> String? {
        guard usesBearerAuth, let tokenProvider else { return nil }
        let token: String
        do {
            if let rejected {
                token = try await tokenProvider.token(replacing: rejected)
            } else {
                token = try await tokenProvider.token(refresh: false)
            }
        } catch let error as APIError {
            var failure = error
            failure.operationID = failure.operationID ?? operationID
            throw failure
        } catch {
            throw context.error(.transport("the token provider failed: \(Redaction.redact("\(error)"))"))
        }
        guard CallHeaders.isSafe(HeaderField(name: "Authorization", value: token)) else {
            throw context.error(.invalidRequest(["the bearer token contains a control character"]))
        }
        return token
    }

    /// Whether a response refused the token so that the attempt is sent again with a new
    /// one: a 401 to the first token of a call, from a provider that can refresh.
    func shouldResend(after response: TransportResponse, token: String?, rejected: String?) -> Bool {
        response.status == 401 && rejected == nil && token != nil && tokenProvider?.canRefresh == true
    }

    /// `failure` with the tokens sent removed by value (a server may echo one without a
    /// "Bearer " marker), and for a 401 or 403 to an app-only token the likely reason.
    func explained(_ failure: APIError, tokensSent: [String]) -> APIError {
        var failure = tokensSent.reduce(failure) { $0.redacting($1) }
        if case let .status(status, _) = failure.kind, status == 401 || status == 403, tokenProvider?.isAppOnly == true {
            failure.hint = Self.appOnlyHint
        }
        return failure
    }

    /// Why an app-only token may be refused.
    static let appOnlyHint = "the token is app-only (client credentials), and this operation may need App+User credentials (a signed-in user)"
}
