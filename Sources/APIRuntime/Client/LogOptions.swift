import Foundation
import Logging

extension APIClient {
    /// What a client logs, through swift-log: silent unless given a `Logger`.
    ///
    /// Each attempt is one line at `debug`: the operation, method, path, status, duration,
    /// attempt and `MS-RequestId`. A retry is a line at `notice` with its reason and wait. At
    /// `trace`, the attempt's request headers and query parameters are added, each shown only
    /// when its name is in the allow-list (`REDACTED` otherwise, as Azure Core does), and the
    /// bodies when ``bodyBytes`` asks for them, cut at that many bytes. The `Authorization`
    /// header is never in the allow-list; tokens and secrets a body or an error carries are
    /// redacted before any line is written.
    public struct LogOptions: Sendable {
        /// Where lines go; nil logs nothing.
        public var logger: Logger?
        /// Header names (case-insensitive) whose values are logged.
        public var allowedHeaders: Set<String>
        /// Query parameter names whose values are logged.
        public var allowedQueryParameters: Set<String>
        /// Bodies are logged at `trace`, cut at this many bytes; nil never logs a body.
        public var bodyBytes: Int?

        /// The headers Partner Center and HTTP define that carry no secret.
        public static let defaultAllowedHeaders: Set<String> = [
            "Accept", "Content-Type", "Content-Length", "Content-Disposition", "Date", "ETag", "If-Match", "Location",
            "Retry-After", "MS-RequestId", "MS-CorrelationId", "MS-CV", "MS-ServerId", "MS-Contract-Version", "X-Locale", "Connection",
            "User-Agent",
        ]

        public init(
            logger: Logger? = nil, allowedHeaders: Set<String> = defaultAllowedHeaders, allowedQueryParameters: Set<String> = ["size", "offset", "seekOperation"],
            bodyBytes: Int? = nil
        ) {
            self.logger = logger
            self.allowedHeaders = allowedHeaders
            self.allowedQueryParameters = allowedQueryParameters
            self.bodyBytes = bodyBytes
        }

        /// `headers` as `Name: value`, values outside the allow-list `REDACTED`.
        func describe(_ headers: [HeaderField]) -> String {
            let allowed = Set(allowedHeaders.map { $0.lowercased() })
            return headers.map { header in
                let shown = allowed.contains(header.name.lowercased()) && header.name.lowercased() != "authorization"
                return "\(header.name): \(shown ? Redaction.redact(header.value) : "REDACTED")"
            }.joined(separator: ", ")
        }

        /// The query of `url`, values outside the allow-list `REDACTED`.
        func describeQuery(of url: URL) -> String {
            let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            return items.map { item in
                "\(item.name)=\(allowedQueryParameters.contains(item.name) ? Redaction.redact(item.value ?? "") : "REDACTED")"
            }.joined(separator: "&")
        }

        /// `body` as text, cut at ``bodyBytes``, secrets redacted; nil when bodies are not logged.
        func describeBody(_ body: Data?) -> String? {
            guard let limit = bodyBytes, let body, !body.isEmpty else { return nil }
            let text = String(decoding: body.prefix(limit), as: UTF8.self)
            return Redaction.redact(text) + (body.count > limit ? "… (\(body.count) bytes)" : "")
        }
    }
}
