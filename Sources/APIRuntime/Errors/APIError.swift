import Foundation

/// The one error the runtime throws: what went wrong, and the request context that helps
/// find it in Partner Center's logs.
///
/// Its descriptions are one line and never contain a token: the runtime never puts request
/// headers into an error, and text from a server is passed through `Redaction`.
public struct APIError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong; switch on it.
    public enum Kind: Sendable {
        /// A request value breaks its schema or a header value is unsafe; nothing was sent.
        case invalidRequest([String])
        /// The compiled spec embedded in the client could not be read.
        case invalidDocument(String)
        /// The connection failed or no response arrived.
        case transport(String)
        /// No response within the configured time.
        case timeout
        /// The calling task was cancelled.
        case cancelled
        /// The server answered with an error status; `body` is its error, when it sent one.
        case status(Int, APIErrorBody?)
        /// The token endpoint refused to issue an access token (e.g. 400 `invalid_grant`: an
        /// expired or revoked refresh token, or a wrong client secret); `body` is its OAuth
        /// error, without secrets. Nothing was sent to the API.
        case tokenRefused(Int, APIErrorBody?)
        /// The response body is larger than the configured limit
        /// (``APIClient/Configuration/maximumResponseBytes``); reading stopped there.
        case responseTooLarge(limit: Int)
        /// The server answered with a success status the spec does not list for the operation
        /// (e.g. a 202 where only 201 is declared): what it means, and so what the body holds,
        /// is unknown.
        case undeclaredStatus(Int)
        /// The body is not JSON (e.g. an HTML page or a truncated body).
        case malformedResponse(String)
        /// The body is JSON but breaks the spec's schema; each violation names its JSON pointer.
        case invalidResponse([SchemaViolation])
        /// The body matched the schema but could not be decoded into the Swift type.
        case decoding(String)
        /// Paging went in a circle (a next link or continuation token came back).
        case pagingLoop(String)
        /// A job the operation started ended with a failure status (the spec's `job.failed`);
        /// `body` is the error the job resource carries, when it has one.
        case jobFailed(status: String, APIErrorBody?)
        /// A job did not end within the wait allowed: it goes on on the server, and can be
        /// waited for again from its location. The text says its last status and the wait.
        case jobUnfinished(String)
        /// A job's result file was refused by its storage (Azure Storage answers XML, e.g.
        /// `403 AuthenticationFailed` once the file's access token expired): run the job again
        /// for new links. `code` is the storage's error code, when it sent one.
        case resultFileRefused(Int, code: String?)
    }

    public var kind: Kind
    /// The operation that failed, when known.
    public var operationID: String?
    /// The HTTP status of the response, when one arrived.
    public var status: Int?
    /// `MS-RequestId` of the failed call.
    public var requestID: String?
    /// The header ``requestID`` was sent in: the spec's per-call generated header
    /// (`MS-RequestId` for Partner Center, `client-request-id` for Microsoft Graph).
    public var requestIDHeader = "MS-RequestId"
    /// `MS-CorrelationId` of the failed call.
    public var correlationID: String?
    /// `MS-CV` from the response, when it had one.
    public var correlationVector: String?
    /// What may help, when the runtime can tell: e.g. that an operation refused with an
    /// app-only token may need App+User credentials.
    public var hint: String?

    /// Creates an error of `kind` with no context yet.
    public init(_ kind: Kind) {
        self.kind = kind
    }

    /// One line: what failed, then the context.
    public var description: String {
        var text = Redaction.redact(summary)
        let context = [
            operationID.map { "operation \($0)" },
            requestID.map { "\(requestIDHeader) \($0)" },
            correlationID.map { "MS-CorrelationId \($0)" },
            correlationVector.map { "MS-CV \(Redaction.redact($0))" },
        ].compactMap(\.self)
        if !context.isEmpty { text += " (" + context.joined(separator: ", ") + ")" }
        if let hint { text += "; " + hint }
        return text
    }

    public var debugDescription: String { "APIError: " + description }

    /// This error with every occurrence of `secret` in its text replaced by `<redacted>`:
    /// for a token a server echoed back without a marker such as `Bearer `.
    func redacting(_ secret: String) -> APIError {
        guard secret.count >= 4 else { return self }
        let scrub: (String) -> String = { $0.replacingOccurrences(of: secret, with: "<redacted>") }
        var copy = self
        copy.correlationVector = correlationVector.map(scrub)
        switch kind {
        case let .invalidRequest(problems): copy.kind = .invalidRequest(problems.map(scrub))
        case let .invalidDocument(problem): copy.kind = .invalidDocument(scrub(problem))
        case let .transport(problem): copy.kind = .transport(scrub(problem))
        case .timeout, .cancelled: break
        case let .status(status, body): copy.kind = .status(status, body.map { $0.redacting(secret) })
        case let .tokenRefused(status, body): copy.kind = .tokenRefused(status, body.map { $0.redacting(secret) })
        case .responseTooLarge, .undeclaredStatus: break
        case let .malformedResponse(problem): copy.kind = .malformedResponse(scrub(problem))
        case let .invalidResponse(violations):
            copy.kind = .invalidResponse(violations.map { SchemaViolation(pointer: scrub($0.pointer), message: scrub($0.message)) })
        case let .decoding(problem): copy.kind = .decoding(scrub(problem))
        case let .pagingLoop(problem): copy.kind = .pagingLoop(scrub(problem))
        case let .jobFailed(status, body): copy.kind = .jobFailed(status: scrub(status), body.map { $0.redacting(secret) })
        case let .jobUnfinished(problem): copy.kind = .jobUnfinished(scrub(problem))
        case .resultFileRefused: break
        }
        return copy
    }

    private var summary: String {
        switch kind {
        case let .invalidRequest(problems): "invalid request: " + problems.joined(separator: "; ")
        case let .invalidDocument(problem): "the compiled spec cannot be read: \(problem)"
        case let .transport(problem): "transport failure: \(problem)"
        case .timeout: "timed out"
        case .cancelled: "cancelled"
        case let .status(status, body): "HTTP \(status)" + (body.map { ": \($0)" } ?? "")
        case let .tokenRefused(status, body): "the token endpoint refused the grant: HTTP \(status)" + (body.map { ": \($0)" } ?? "")
        case let .responseTooLarge(limit): "the response body is larger than the limit of \(limit) bytes"
        case let .undeclaredStatus(status): "HTTP \(status) is a success status the spec does not declare for this operation"
        case let .malformedResponse(problem): "malformed response" + (status.map { " (HTTP \($0))" } ?? "") + ": \(problem)"
        case let .invalidResponse(violations):
            "response breaks the spec: " + violations.prefix(5).map(\.description).joined(separator: "; ")
                + (violations.count > 5 ? "; and \(violations.count - 5) more" : "")
        case let .decoding(problem): "cannot decode the response: \(problem)"
        case let .pagingLoop(problem): "paging loop: \(problem)"
        case let .jobFailed(status, body): "the job ended with status '\(status)'" + (body.map { ": \($0)" } ?? "")
        case let .jobUnfinished(problem): "the job has not ended: \(problem)"
        case let .resultFileRefused(status, code):
            "the storage refused a result file: HTTP \(status)" + (code.map { " \($0)" } ?? "")
                + (status == 403 ? " (its access has expired or was revoked: run the job again for new links)" : "")
        }
    }
}

/// A Partner Center error body: `{code, description, data, source}` where `code` is a number
/// or a string, the throttling shape `{statusCode, message}`, an OAuth token endpoint's
/// `{error, error_description}`, or Microsoft Graph's OData shape `{error: {code, message,
/// innerError}}` (read from its inner object); other shapes keep their text.
///
/// Nothing the server said is dropped: members beyond those (`errorName`, `isRetryable`,
/// `parameters`, a `message` beside the `description`…) are kept in ``details``, and `data`
/// entries that are not strings are kept as JSON text.
public struct APIErrorBody: Sendable, Hashable, CustomStringConvertible {
    /// The error code as text (`"600039"` or `"InvalidInput"`).
    public var code: String?
    /// The body's `description` (or the throttling body's `message`).
    public var errorDescription: String?
    /// The body's `data`, in order: strings as they are, other values as compact JSON.
    public var data: [String]
    public var source: String?
    /// The body's other members by name, each as text: a string as it is, any other value as
    /// compact JSON.
    public var details: [String: String]
    /// The body's text when it is not one of the known shapes.
    public var text: String?
    /// The body as received when it is JSON, every string in it redacted: decode it with the
    /// spec's error model (``decode(as:)``), whatever its shape.
    public var json: JSONValue?
    /// How the body breaks the error schema the spec declares for its status (the
    /// operation's `default` response, or the status's own): empty when it conforms, or when
    /// the spec declares none.
    public var violations: [SchemaViolation] = []

    /// Reads an error body, redacting any secret a server echoed into it.
    public init(json received: JSONValue?, text: String) {
        // OData (Microsoft Graph): the error is the object under `error`.
        let json = received?["error"]?.objectValue != nil ? received?["error"] : received
        let codeKey = ["code", "statusCode", "error"].first { json?[$0] != nil }
        switch codeKey.flatMap({ json?[$0] }) {
        case let .string(value)?: code = Redaction.redact(value)
        case let .number(value)?: code = value.text
        default: code = nil
        }
        let descriptionKey = ["description", "message", "error_description"].first { json?[$0]?.stringValue != nil }
        errorDescription = descriptionKey.flatMap { json?[$0]?.stringValue }.map(Redaction.redact)
        data = json?["data"]?.arrayValue?.map { Redaction.redact(Self.text(of: $0)) } ?? []
        source = json?["source"]?.stringValue.map(Redaction.redact)
        var details: [String: String] = [:]
        if code != nil || errorDescription != nil {
            let read: Set<String?> = [codeKey, descriptionKey, json?["data"]?.arrayValue == nil ? nil : "data", source == nil ? nil : "source"]
            for (key, value) in json?.objectValue ?? [:] where !read.contains(key) {
                details[key] = Redaction.redact(Self.text(of: value))
            }
        }
        self.details = details
        self.text = (code == nil && errorDescription == nil) ? Redaction.redact(String(text.prefix(500))) : nil
        self.json = received.map { Self.redacted($0) }
    }

    /// The body decoded as the spec's error model (a generated type, e.g. `PartnerCenterError`).
    /// - Throws: `JSONDecodingError` naming where the body does not fit; `json` is nil (a body
    ///   that is not JSON) decodes as `null`.
    public func decode<Model: JSONCodable>(as type: Model.Type) throws(JSONDecodingError) -> Model {
        try Model(fromJSON: json ?? .null)
    }

    /// `value` with every string in it (keys too) redacted, and `secret` replaced.
    private static func redacted(_ value: JSONValue, replacing secret: String? = nil) -> JSONValue {
        let scrub: (String) -> String = { text in
            let redacted = Redaction.redact(text)
            return secret.map { redacted.replacingOccurrences(of: $0, with: "<redacted>") } ?? redacted
        }
        switch value {
        case let .string(text): return .string(scrub(text))
        case let .array(items): return .array(items.map { redacted($0, replacing: secret) })
        case let .object(members):
            return .object(JSONObject(members.map { (key: scrub($0.key), value: redacted($0.value, replacing: secret)) }))
        case .null, .bool, .number: return value
        }
    }

    /// A string as it is; any other value as compact JSON.
    private static func text(of value: JSONValue) -> String {
        value.stringValue ?? JSONWriter.string(from: value)
    }

    /// This body with every occurrence of `secret` replaced by `<redacted>`.
    func redacting(_ secret: String) -> APIErrorBody {
        let scrub: (String) -> String = { $0.replacingOccurrences(of: secret, with: "<redacted>") }
        var copy = self
        copy.code = code.map(scrub)
        copy.errorDescription = errorDescription.map(scrub)
        copy.data = data.map(scrub)
        copy.source = source.map(scrub)
        copy.details = details.mapValues(scrub)
        copy.text = text.map(scrub)
        copy.json = json.map { Self.redacted($0, replacing: secret) }
        return copy
    }

    /// `code N: description`, then `data` and the other members when there are any (`; data:
    /// a, b; errorName: X`), or the body's text.
    public var description: String {
        var line = [code.map { "code \($0)" }, errorDescription, text].compactMap(\.self).joined(separator: ": ")
        if !data.isEmpty { line += "; data: " + data.joined(separator: ", ") }
        for key in details.keys.sorted() { line += "; \(key): \(details[key] ?? "")" }
        return line
    }
}

extension APIError: LocalizedError {
    /// The same one line as `description`, so `localizedDescription` says what happened.
    public var errorDescription: String? { description }
}
