import Foundation

/// Where a job an operation started is: the `Location` its `202` named, resolved against the
/// API's base URL. Keep ``url`` to wait for the job from a later process
/// (``APIClient/waitForJob(_:at:options:)``).
public struct JobLocation: Sendable, Hashable, CustomStringConvertible {
    /// The operation that started the job (its spec's `job:` says how to wait).
    public var operationID: String
    /// The job's URL, on the API's own origin.
    public var url: URL

    public init(operationID: String, url: URL) {
        self.operationID = operationID
        self.url = url
    }

    public var description: String { url.absoluteString }
}

/// How long and how often ``APIClient/waitForJob(_:at:options:)`` reads a job.
public struct JobWaitOptions: Sendable {
    /// The longest wait; past it the call fails with `APIError.Kind.jobUnfinished` and the job
    /// goes on on the server. Default 1 hour (exports typically take minutes).
    public var maximumWait: Duration
    /// The pause between two reads when the job's answer has no `Retry-After`; it grows by
    /// half each time, up to ``maximumInterval``.
    public var interval: Duration
    /// The longest pause between two reads that the client chooses itself (a `Retry-After`
    /// is followed as given, within ``maximumWait``).
    public var maximumInterval: Duration
    /// Called after each read of the job, with its status (for a progress display).
    public var progress: (@Sendable (JobProgress) -> Void)?

    public init(
        maximumWait: Duration = .seconds(3600), interval: Duration = .seconds(5), maximumInterval: Duration = .seconds(60),
        progress: (@Sendable (JobProgress) -> Void)? = nil
    ) {
        self.maximumWait = maximumWait
        self.interval = interval
        self.maximumInterval = maximumInterval
        self.progress = progress
    }
}

/// A job's state after one read.
public struct JobProgress: Sendable, Hashable {
    /// The job's status as the service said it (`running`, or a value the spec does not know).
    public var status: String
    /// Reads so far, this one included.
    public var reads: Int
    /// Time since the wait began.
    public var waited: Duration
}

/// A finished job: the job resource as last read, and its result.
public struct JobOutcome: Sendable {
    /// The job resource of its last read (validated against the spec's poll operation).
    public var job: JSONValue
    /// The result the job names (validated against the spec's result operation), or nil when
    /// the spec declares none.
    public var result: JSONValue?
    /// The files the result lists (the spec's `job.result.files`), in the order listed.
    public var files: [ResultFile]
}

extension APIClient {
    /// Calls operation `operationID`, which starts a job (the spec's `job:`), and returns
    /// where the job is: its `202`'s `Location`, which must be on the API's own origin (the
    /// job is read with the API's token).
    /// - Throws: `APIError`; `malformedResponse` when the `202` names no job.
    public func startJob(_ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil) async throws(APIError) -> JobLocation {
        let response = try await call(operationID, parameters: parameters, body: body)
        let (operation, poll) = try jobOperations(operationID)
        guard let location = response.response.header("Location"), !location.isEmpty else {
            throw response.context.error(.malformedResponse("HTTP \(response.response.status) names no job: it has no Location header"))
        }
        do {
            let url = try NextLink.url(for: location, operationPath: poll.path, baseURL: baseURL(of: poll), what: "the job's Location")
            return JobLocation(operationID: operation.id, url: url)
        } catch {
            throw response.context.error(error.kind)
        }
    }

    /// Starts the job of operation `operationID` and waits for it to end.
    /// - Throws: `APIError`: `jobFailed` with the job's error, `jobUnfinished` after
    ///   `options.maximumWait`, `cancelled` when the task is.
    public func runJob(
        _ operationID: String, parameters: [String: JSONValue?], body: JSONValue? = nil, options: JobWaitOptions = JobWaitOptions()
    ) async throws(APIError) -> JobOutcome {
        let location = try await startJob(operationID, parameters: parameters, body: body)
        return try await waitForJob(operationID, at: location.url, options: options)
    }

    /// Waits for the job at `url`, started by operation `operationID` (in this process or an
    /// earlier one), to end: reads it (with the spec's poll operation) until its status is
    /// one the spec lists as success or failure, pausing as each answer's `Retry-After` says
    /// (fractions of a second too) or else `options.interval`, growing. A status the spec does
    /// not know keeps the job waiting. Then reads its result.
    /// - Throws: `APIError`: `jobFailed` with the job's error, `jobUnfinished` after
    ///   `options.maximumWait`, `cancelled` when the task is.
    public func waitForJob(_ operationID: String, at url: URL, options: JobWaitOptions = JobWaitOptions()) async throws(APIError) -> JobOutcome {
        let (operation, poll) = try jobOperations(operationID)
        guard let job = operation.job else { throw APIError(.invalidRequest(["\(operationID) starts no job"])) }
        let jobURL = try NextLink.url(for: url.absoluteString, operationPath: poll.path, baseURL: baseURL(of: poll), what: "the job's location")
        let started = ContinuousClock.now
        var pause = options.interval
        var reads = 0
        // The pauses asked of `configuration.sleep`, added up: they count towards the wait
        // even when that sleep does not sleep (a test's injected one), so the wait still ends
        // after `options.maximumWait` instead of reading the job in a tight loop for as long
        // on the clock.
        var paused = Duration.zero
        while true {
            if Task.isCancelled { throw APIError(.cancelled) }
            let response = try await execute(poll, method: "GET", url: jobURL, extraHeaders: [])
            reads += 1
            let status = response.json[job.status]?.stringValue ?? ""
            let waited = max(ContinuousClock.now - started, paused)
            options.progress?(JobProgress(status: status, reads: reads, waited: waited))
            if job.succeeded.contains(status) {
                return try await outcome(of: job, resource: response)
            }
            if job.failed.contains(status) {
                let error = job.error.flatMap { response.json[$0] }.map { APIErrorBody(json: $0, text: "") }
                throw response.context.error(.jobFailed(status: status, error))
            }
            let retryAfter = response.response.header("Retry-After").flatMap { RetryPolicy.seconds(fromRetryAfter: $0, now: Date()) }
            let next = retryAfter.map { Duration.seconds($0) } ?? pause
            guard waited + next <= options.maximumWait else {
                let shown = status.isEmpty ? "no status" : "status '\(Redaction.redact(status))'"
                throw response.context.error(
                    .jobUnfinished("still at \(shown) after \(reads) reads in \(Self.text(of: waited)) (the wait allowed is \(Self.text(of: options.maximumWait))); it goes on at \(jobURL.absoluteString)")
                )
            }
            try await configuration.wait(next, context: response.context)
            paused += next
            if retryAfter == nil { pause = min(pause * 1.5, options.maximumInterval) }
        }
    }

    /// The result a succeeded job names: the first of the spec's result members present in
    /// the job resource, a URL (read with the result operation, on the API's own origin) or
    /// the result itself (validated against the result operation's schema).
    private func outcome(of job: Job, resource: ValidatedResponse) async throws(APIError) -> JobOutcome {
        guard let declared = job.result else { return JobOutcome(job: resource.json, result: nil, files: []) }
        let contents = try document.get()
        guard let resultOperation = contents.operations[declared.operation] else {
            throw APIError(.invalidDocument("the job's result operation \(declared.operation) is missing"))
        }
        guard let value = declared.members.lazy.compactMap({ resource.json[$0] }).first(where: { $0 != .null }) else {
            let names = declared.members.joined(separator: ", ")
            throw resource.context.error(.malformedResponse("the job succeeded but names no result (none of \(names))"))
        }
        let result: JSONValue
        switch value {
        case let .string(link):
            let url: URL
            do {
                url = try NextLink.url(for: link, operationPath: resultOperation.path, baseURL: baseURL(of: resultOperation), what: "the job's result link")
            } catch {
                throw resource.context.error(error.kind)
            }
            result = try await execute(resultOperation, method: "GET", url: url, extraHeaders: []).json
        case .object:
            guard let name = resultOperation.successResponse?.schemaName else {
                throw APIError(.invalidDocument("the job's result operation \(declared.operation) has no JSON success response"))
            }
            let violations = SchemaValidator(registry: contents.schemas, maximumViolations: configuration.maximumViolations)
                .validate(value, againstSchemaNamed: name)
            if !violations.isEmpty, configuration.validation == .strict { throw resource.context.error(.invalidResponse(violations)) }
            result = value
        default:
            throw resource.context.error(.malformedResponse("the job's result is neither a link nor an object"))
        }
        let files = try declared.files.map { files throws(APIError) in try ResultFile.list(in: result, files, context: resource.context) } ?? []
        return JobOutcome(job: resource.json, result: result, files: files)
    }

    /// The operation that starts a job and the one that reads it.
    private func jobOperations(_ operationID: String) throws(APIError) -> (OperationDescription, OperationDescription) {
        let contents = try document.get()
        guard let operation = contents.operations[operationID] else {
            throw APIError(.invalidRequest(["the spec has no operation '\(operationID)'"]))
        }
        guard let job = operation.job else { throw APIError(.invalidRequest(["\(operationID) starts no job (the spec declares no 'job')"])) }
        guard let poll = contents.operations[job.poll] else { throw APIError(.invalidDocument("the job's poll operation \(job.poll) is missing")) }
        return (operation, poll)
    }

    /// `90 s`, `2 min 5 s`: a duration for messages.
    static func text(of duration: Duration) -> String {
        let seconds = Int(duration.components.seconds)
        return seconds < 120 ? "\(seconds) s" : "\(seconds / 60) min \(seconds % 60) s"
    }
}
