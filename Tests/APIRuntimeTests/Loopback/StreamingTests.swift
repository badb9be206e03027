import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// Streamed bodies through the transport's `stream` (`makeTransport()`) over real HTTP on 127.0.0.1: exact,
/// to a file, collected for an error, cancelled, read slowly, and cut off by the server.
@Suite("Loopback: streamed responses")
struct StreamingTests {
    /// Streams `pattern` at `/file` (at `/cut`, only its first half, then the connection
    /// closes); 404 with a JSON error anywhere else. With `paced`, a chunk a millisecond, as a
    /// real network delivers: a loopback server at full speed would keep URLSession's one
    /// shared queue busy, and the other tests with it.
    static func server(_ pattern: BodyPattern, progress: ProducerProgress = ProducerProgress(), paced: Bool = false) throws -> LoopbackServer {
        try LoopbackServer { request, _ in
            guard request.path == "/file" || request.path == "/cut" else {
                return .json(404, #"{"code":"NotFound","description":"no such invoice"}"#)
            }
            let end = request.path == "/cut" ? pattern.length / 2 : pattern.length
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], streamingLength: pattern.length) { offset in
                progress.record(offset)
                if paced { Thread.sleep(forTimeInterval: 0.001) }
                return offset < end ? pattern.chunk(at: offset) : nil
            }
        }
    }

    static func request(_ server: LoopbackServer, _ path: String, timeout: Duration = .seconds(30)) -> TransportRequest {
        TransportRequest(method: "GET", url: server.baseURL.appendingPathComponent(path), timeout: timeout, maximumResponseBytes: 1024)
    }

    /// Reads `body` to the end, checking each chunk against `pattern`; the bytes read.
    static func readChecking(_ body: ResponseBodyStream, against pattern: BodyPattern, pause: (Int) async throws -> Void = { _ in }) async throws -> Int {
        var offset = 0
        var index = 0
        for try await chunk in body {
            guard pattern.matches(chunk, at: offset) else {
                Issue.record("chunk \(index) at \(offset) differs from the pattern")
                return offset
            }
            offset += chunk.count
            try await pause(index)
            index += 1
        }
        return offset
    }

    @Test func bodyOf32MBArrivesExactPastTheResponseLimit() async throws {
        let pattern = BodyPattern(length: 32 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/pdf")
        // maximumResponseBytes is 1 KB: it does not apply to a streamed body.
        #expect(try await Self.readChecking(response.body, against: pattern) == pattern.length)
    }

    @Test func writeToFileWritesTheWholeBody() async throws {
        let pattern = BodyPattern(length: 32 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        #expect(try await response.body.write(to: file) == pattern.length)
        try Self.expect(file, holds: pattern, from: 0)
    }

    /// Checks that the server's producer stops before the end of `pattern` and stays still:
    /// the server's writes fail once the client has gone.
    static func expectTheServerStops(_ progress: ProducerProgress, before pattern: BodyPattern) async throws {
        let stopped = await progress.waitUntilStill()
        #expect(stopped < pattern.length)
        try await Task.sleep(for: .milliseconds(300))
        #expect(progress.offset == stopped, "the server is still sending")
    }

    /// Checks that `file` holds `pattern`'s bytes from `start` to its end.
    static func expect(_ file: URL, holds pattern: BodyPattern, from start: Int) throws {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var offset = start
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            #expect(pattern.matches(piece, at: offset), "the file differs from the body at \(offset)")
            offset += piece.count
        }
        #expect(offset == pattern.length)
    }

    /// Chunks already taken stay taken; what the reader is behind by (in memory and in the
    /// spill file, after a pause longer than the transfer) is written first, then the rest.
    @Test func writeToFileAfterReadingSomeChunksWritesTheRestInOrder() async throws {
        let pattern = BodyPattern(length: 24 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        var iterator = response.body.makeAsyncIterator()
        var taken = 0
        for _ in 0..<3 {
            let chunk = try #require(try await iterator.next())
            #expect(pattern.matches(chunk, at: taken))
            taken += chunk.count
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await response.body.write(to: file) == pattern.length - taken)
        try Self.expect(file, holds: pattern, from: taken)
    }

    @Test func cancellingAWriteToFileCancelsTheTransferAndRemovesTheFile() async throws {
        let pattern = BodyPattern(length: 1 << 40)
        let progress = ProducerProgress()
        let server = try Self.server(pattern, progress: progress, paced: true)
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        let writer = Task { try await response.body.write(to: file) }
        while (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0 < 1 << 20 {
            try await Task.sleep(for: .milliseconds(20))
        }
        writer.cancel()
        let result = await writer.result
        #expect(result.error is CancellationError, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        try await Self.expectTheServerStops(progress, before: pattern)
    }

    @Test func writeThatFailsMidBodyRemovesTheFile() async throws {
        let server = try Self.server(BodyPattern(length: 8 << 20))
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        let response = try await makeTransport().stream(Self.request(server, "/cut"))
        await #expect(throws: (any Error).self) { try await response.body.write(to: file) }
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    // MARK: - download(_:to:)

    @Test func downloadToAFileReplacesItWithTheWholeBody() async throws {
        let pattern = BodyPattern(length: 32 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("old".utf8).write(to: file)
        let response = try await makeTransport().download(Self.request(server, "/file"), to: file)
        #expect(response.status == 200)
        #expect(response.header("content-type") == "application/pdf")
        #expect(response.body.isEmpty)
        try Self.expect(file, holds: pattern, from: 0)
    }

    @Test func downloadOfAnErrorStatusReturnsItsBodyAndWritesNothing() async throws {
        let server = try Self.server(BodyPattern(length: 0))
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        let transport = makeTransport()
        let response = try await transport.download(Self.request(server, "/missing"), to: file)
        #expect(response.status == 404)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"code":"NotFound","description":"no such invoice"}"#)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        // The request's limit (1 KB) bounds an error body.
        var small = Self.request(server, "/missing")
        small.maximumResponseBytes = 10
        await #expect(throws: HTTPTransportError.responseTooLarge(limit: 10)) { try await transport.download(small, to: file) }
    }

    @Test func downloadCutShortLeavesTheFileAsItWas() async throws {
        let server = try Self.server(BodyPattern(length: 8 << 20))
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("old".utf8).write(to: file)
        await #expect(throws: (any Error).self) { try await makeTransport().download(Self.request(server, "/cut"), to: file) }
        #expect(try Data(contentsOf: file) == Data("old".utf8))
    }

    @Test func cancellingADownloadCancelsTheTransfer() async throws {
        let pattern = BodyPattern(length: 1 << 40)
        let progress = ProducerProgress()
        let server = try Self.server(pattern, progress: progress, paced: true)
        defer { server.stop() }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-test-\(UUID().uuidString).pdf")
        let downloader = Task { try await makeTransport().download(Self.request(server, "/file"), to: file) }
        while progress.offset < 1 << 20 { try await Task.sleep(for: .milliseconds(20)) }
        downloader.cancel()
        let result = await downloader.result
        #expect(result.error is CancellationError, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
        try await Self.expectTheServerStops(progress, before: pattern)
    }

    @Test func aTransportThatReadsBodiesWholeDownloadsThroughAFileBesideTheDestination() async throws {
        struct Whole: HTTPTransport {
            let body: Data
            func send(_ request: TransportRequest) async throws -> TransportResponse { TransportResponse(status: 200, body: body) }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("download-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("statement.pdf")
        let body = Data("%PDF-1.4 whole".utf8)
        let url = try #require(URL(string: "http://127.0.0.1:1/"))
        let response = try await Whole(body: body).download(TransportRequest(method: "GET", url: url), to: file)
        #expect(response.status == 200)
        #expect(try Data(contentsOf: file) == body)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["statement.pdf"])
    }

    @Test func errorStatusWithAJSONBodyCanBeCollected() async throws {
        let server = try Self.server(BodyPattern(length: 0))
        defer { server.stop() }
        let transport = makeTransport()
        let response = try await transport.stream(Self.request(server, "/missing"))
        #expect(response.status == 404)
        let body = try await response.body.collect(upTo: 64 * 1024)
        #expect(String(decoding: body, as: UTF8.self) == #"{"code":"NotFound","description":"no such invoice"}"#)

        let again = try await transport.stream(Self.request(server, "/missing"))
        await #expect(throws: HTTPTransportError.responseTooLarge(limit: 10)) { try await again.body.collect(upTo: 10) }
    }

    @Test func cancellingTheReaderCancelsTheTransfer() async throws {
        let pattern = BodyPattern(length: 1 << 40)
        let progress = ProducerProgress()
        let server = try Self.server(pattern, progress: progress, paced: true)
        defer { server.stop() }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        let started = AsyncStream.makeStream(of: Void.self)
        let reader = Task {
            try await Self.readChecking(response.body, against: pattern) { index in
                if index == 0 { started.continuation.yield() }
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        await iterator.next()
        reader.cancel()
        let result = await reader.result
        #expect(result.error is CancellationError, "\(result)")
        try await Self.expectTheServerStops(progress, before: pattern)
    }

    @Test func droppingTheBodyCancelsTheTransfer() async throws {
        let pattern = BodyPattern(length: 1 << 40)
        let progress = ProducerProgress()
        let server = try Self.server(pattern, progress: progress, paced: true)
        defer { server.stop() }
        let transport = makeTransport()
        do {
            let response = try await transport.stream(Self.request(server, "/file"))
            var iterator = response.body.makeAsyncIterator()
            let first = try #require(try await iterator.next())
            #expect(pattern.matches(first, at: 0))
        }
        try await Self.expectTheServerStops(progress, before: pattern)
    }

    #if AsyncHTTPClientTransport || os(Linux)
    /// async-http-client, and URLSession's transport on Linux (libcurl directly), read no
    /// further than the caller has taken (or, on libcurl, 4 MiB beyond): a reader that stops
    /// after one chunk holds the server back (to that and what the sockets' buffers take),
    /// and the rest arrives intact when it reads on.
    @Test func aReaderThatStopsHoldsTheServerBack() async throws {
        let pattern = BodyPattern(length: 256 << 20)
        let progress = ProducerProgress()
        let server = try Self.server(pattern, progress: progress)
        defer { server.stop() }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        var iterator = response.body.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        let heldAt = await progress.waitUntilStill()
        #expect(heldAt < 32 << 20, "the server got \(heldAt) bytes ahead of a reader that took \(first.count)")
        var offset = first.count
        while let chunk = try await iterator.next() {
            guard pattern.matches(chunk, at: offset) else {
                Issue.record("chunk at \(offset) differs from the pattern")
                return
            }
            offset += chunk.count
        }
        #expect(offset == pattern.length)
    }
    #endif

    @Test func slowReaderStillGetsEveryByte() async throws {
        // Far more than the transport keeps in memory arrives while the reader sleeps.
        let pattern = BodyPattern(length: 24 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let response = try await makeTransport().stream(Self.request(server, "/file"))
        let read = try await Self.readChecking(response.body, against: pattern) { index in
            if index < 20 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(read == pattern.length)
    }

    @Test func connectionClosedMidBodyMakesTheIterationThrow() async throws {
        let pattern = BodyPattern(length: 8 << 20)
        let server = try Self.server(pattern)
        defer { server.stop() }
        let response = try await makeTransport().stream(Self.request(server, "/cut"))
        #expect(response.status == 200)
        let received = ReceivedCount()
        await #expect(throws: (any Error).self) {
            for try await chunk in response.body { received.add(chunk.count) }
        }
        // The server stops at the first chunk boundary past half.
        #expect(received.total < pattern.length / 2 + BodyPattern.period)
    }

    /// Bytes counted from inside an `#expect` closure.
    final class ReceivedCount: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0

        var total: Int { lock.withLock { count } }

        func add(_ bytes: Int) {
            lock.withLock { count += bytes }
        }
    }

    @Test func headThatDoesNotArriveInTimeTimesOut() async throws {
        let gate = Gate()
        defer { gate.open() }
        let server = try LoopbackServer { _, _ in
            gate.wait(seconds: 30)
            return .ok("{}")
        }
        defer { server.stop() }
        await #expect(throws: HTTPTransportError.timedOut) {
            try await makeTransport().stream(Self.request(server, "/file", timeout: .milliseconds(300)))
        }
    }

    @Test func transportThatReadsBodiesWholeStreamsThemAsOneChunk() async throws {
        struct Whole: HTTPTransport {
            func send(_ request: TransportRequest) async throws -> TransportResponse {
                TransportResponse(status: 200, headers: [HeaderField(name: "ETag", value: "1")], body: Data("whole".utf8))
            }
        }
        let response = try await Whole().stream(TransportRequest(method: "GET", url: URL(fileURLWithPath: "/")))
        #expect(response.status == 200)
        #expect(response.header("etag") == "1")
        var chunks: [Data] = []
        for try await chunk in response.body { chunks.append(chunk) }
        #expect(chunks == [Data("whole".utf8)])
    }
}
