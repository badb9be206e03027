import APIRuntime
import Foundation
import LocalHTTPServer
import Logging
import Testing

/// The client's swift-log lines over real HTTP on 127.0.0.1: one per attempt, retries with
/// their reason, details only from the allow-list, and never a token.
@Suite("Loopback: logging")
struct LoggingTests {
    /// Keeps every line logged through it.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [(level: Logger.Level, text: String)] = []
        var all: [(level: Logger.Level, text: String)] { lock.withLock { entries } }
        func add(_ level: Logger.Level, _ text: String) { lock.withLock { entries.append((level, text)) } }

        func logger(level: Logger.Level) -> Logger {
            var logger = Logger(label: "tests") { _ in Handler(lines: self) }
            logger.logLevel = level
            return logger
        }
    }

    struct Handler: LogHandler {
        let lines: Lines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let details = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            lines.add(event.level, "\(event.message) \(details)")
        }
    }

    static let secret = "LOG-SECRET-TOKEN-7f3a9c"

    @Test func aLinePerAttemptAndANoticePerRetryWithNoToken() async throws {
        let server = try LoopbackServer { _, index in index == 0 ? .json(503, "{}") : .ok(pageJSON(ids: ["1"])) }
        defer { server.stop() }
        let lines = Lines()
        let client = makeClient(server, tokenProvider: StaticTokenProvider(Self.secret)) { $0.log.logger = lines.logger(level: .debug) }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        #expect(lines.all.map(\.level) == [.debug, .notice, .debug])
        #expect(lines.all[0].text.contains("listThings: GET /v1/things 503 attempt 1"))
        #expect(lines.all[1].text.contains("retrying after HTTP 503"))
        #expect(lines.all[2].text.contains("status=200"))
        #expect(lines.all.allSatisfy { $0.text.contains("ms-request-id=") })
        #expect(!lines.all.contains { $0.text.contains(Self.secret) })
    }

    @Test func detailsShowOnlyWhatTheAllowListNamesAndBodiesOnlyWhenAskedWithSecretsRemoved() async throws {
        // The server echoes the token in its body.
        let server = try LoopbackServer { request, _ in
            .ok(#"{"totalCount":0,"items":[],"echo":"\#(request.header("Authorization") ?? "")"}"#)
        }
        defer { server.stop() }
        let lines = Lines()
        let client = makeClient(server, tokenProvider: StaticTokenProvider(Self.secret)) {
            $0.log.logger = lines.logger(level: .trace)
            $0.log.bodyBytes = 1_000
        }
        _ = try await client.sendJSON("listThings", parameters: listParameters())
        let detail = try #require(lines.all.first { $0.level == .trace }?.text)
        #expect(detail.contains("Authorization: REDACTED"), "\(detail)")
        #expect(detail.contains("Accept: application/json"))
        #expect(detail.contains("size=2"))
        #expect(detail.contains("filter=REDACTED"))
        #expect(detail.contains("response-body="))
        #expect(!lines.all.contains { $0.text.contains(Self.secret) }, "\(lines.all.map(\.text))")

        let quiet = Lines()
        _ = try await makeClient(server) { $0.log.logger = quiet.logger(level: .trace) }.sendJSON("listThings", parameters: listParameters())
        #expect(!quiet.all.contains { $0.text.contains("response-body") }, "bodies are off by default")
    }
}
