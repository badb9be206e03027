import Foundation

/// One call on the wire: headers and token, the attempts with their back-off, one token
/// refresh on 401, then validation of the response against the spec.
struct Exchange {
    let client: APIClient
    let contents: APIDocument.Contents
    let operation: OperationDescription
    let tokenProvider: (any TokenProvider)?

    func run(method: String, url: URL, extraHeaders: [HTTPHeader]) async throws(APIError) -> ValidatedResponse {
        let configuration = client.configuration
        let requestID = UUID().uuidString.lowercased()
        var headers = client.sharedHeaders(contents, requestID: requestID) + extraHeaders
        let correlationID = contents.headers.first { $0.source == .uuidPerClient }.flatMap { shared in
            headers.first { $0.name == shared.name }?.value
        }
        var context = APIError(.cancelled)
        context.operationID = operation.id
        context.requestID = contents.headers.contains { $0.source == .uuidPerCall } ? requestID : nil
        context.correlationID = correlationID

        for header in headers where !Self.isSafe(header) {
            throw context.with(.invalidRequest(["header \(header.name) contains a control character"]))
        }
        let started = ContinuousClock.now
        var refreshed = false
        var attempt = 0
        while true {
            attempt += 1
            if Task.isCancelled { throw context.with(.cancelled) }
            var request = HTTPRequest(method: method, url: url, headers: headers, timeout: configuration.requestTimeout)
            if contents.usesBearerAuth, let tokenProvider {
                let token: String
                do {
                    token = try await tokenProvider.token(refresh: refreshed)
                } catch let error as APIError {
                    throw error
                } catch {
                    throw context.with(.transport("the token provider failed: \(Redaction.redact("\(error)"))"))
                }
                guard Self.isSafe(HTTPHeader(name: "Authorization", value: token)) else {
                    throw context.with(.invalidRequest(["the bearer token contains a control character"]))
                }
                request.headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)"))
            }
            let response: HTTPResponse
            do {
                response = try await configuration.transport.send(request)
            } catch {
                if Task.isCancelled || error is CancellationError || (error as? URLError)?.code == .cancelled {
                    throw context.with(.cancelled)
                }
                let failure: APIError.Kind = (error as? URLError)?.code == .timedOut ? .timeout : .transport(Self.describe(error))
                if try await mayRetry(attempt: attempt, started: started, retryAfter: nil) { continue }
                throw context.with(failure)
            }
            context.status = response.status
            context.correlationVector = response.header("MS-CV")
            if response.status == 401, !refreshed, tokenProvider != nil, contents.usesBearerAuth {
                refreshed = true
                continue
            }
            if configuration.retry.retriedStatuses.contains(response.status), method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE",
                try await mayRetry(attempt: attempt, started: started, retryAfter: response.header("Retry-After"))
            {
                continue
            }
            headers.removeAll { $0.name == "Authorization" }
            return try ResponseValidator(contents: contents, operation: operation, maximumViolations: configuration.maximumViolations)
                .validate(response, context: context)
        }
    }

    /// Waits before the next attempt when the policy allows one; false when it does not.
    private func mayRetry(attempt: Int, started: ContinuousClock.Instant, retryAfter: String?) async throws(APIError) -> Bool {
        let policy = client.configuration.retry
        guard attempt < policy.maximumAttempts else { return false }
        let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
        guard ContinuousClock.now - started + delay <= policy.maximumTotalDelay else { return false }
        do {
            try await client.configuration.sleep(delay)
        } catch {
            var cancelled = APIError(.cancelled)
            cancelled.operationID = operation.id
            throw cancelled
        }
        return true
    }

    private static func isSafe(_ header: HTTPHeader) -> Bool {
        !header.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
            && !header.name.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" || $0 == ":" }
    }

    private static func describe(_ error: any Error) -> String {
        Redaction.redact((error as? URLError).map { "\($0.code.rawValue) \($0.localizedDescription)" } ?? "\(error)")
    }
}

extension APIError {
    /// This error's context with another kind.
    func with(_ kind: Kind) -> APIError {
        var copy = self
        copy.kind = kind
        return copy
    }
}
