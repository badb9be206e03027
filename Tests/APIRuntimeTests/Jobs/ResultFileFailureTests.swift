import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// A result file that the storage refuses, that arrives cut short, or that fails on the way:
/// a typed error, never a short result; a retry resumes after the records delivered.
@Suite("Loopback: job result file failures")
struct ResultFileFailureTests {
    private func export(
        listing names: [String], on blobs: LoopbackServer, sleeps: SleepRecorder = SleepRecorder(),
        configure: (inout APIClient.Configuration) -> Void = { _ in }
    ) async throws -> (APIClient, ResultFile, LoopbackServer) {
        let graph = try graphServer(listing: names, on: blobs)
        let client = makeJobClient(graph, sleeps: sleeps, configure: configure)
        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        return (client, try #require(outcome.files.first), graph)
    }

    /// Azure Storage's answer to a request whose SAS has expired.
    private static let expiredXML = """
        <?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request. \
        Make sure the value of Authorization header is formed correctly including the signature.
        RequestId:0b8e2c1a-601e-0061-2c4b-6a2e8f000000
        Time:2024-01-01T00:00:00.0000000Z</Message><AuthenticationErrorDetail>Signed expiry time [Wed, 13 Dec 2023 12:37:17 GMT] \
        must be after signed start time</AuthenticationErrorDetail></Error>
        """

    @Test(arguments: [true, false])
    func anExpiredSASIsResultFileRefusedWithAzuresCode(withHeader: Bool) async throws {
        let blobs = try Blobs.server { _, _, _ in
            .raw(403, contentType: "application/xml", Data(Self.expiredXML.utf8), headers: withHeader ? [("x-ms-error-code", "AuthenticationFailed")] : [])
        }
        defer { blobs.stop() }
        let sleeps = SleepRecorder()
        let (client, file, graph) = try await export(listing: ["a.json.gz"], on: blobs, sleeps: sleeps)
        defer { graph.stop() }
        var delivered = 0
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.readResultFile(file) { _ in delivered += 1 }
        })
        guard case let .resultFileRefused(status, code) = error.kind else {
            Issue.record("expected resultFileRefused, got \(error)")
            return
        }
        #expect(status == 403)
        #expect(code == "AuthenticationFailed", withHeader ? "from x-ms-error-code" : "from the XML's <Code>")
        #expect(error.status == 403)
        #expect(error.description.contains("run the job again"), "\(error)")
        #expect(error.operationID == "a.json.gz", "the error names the file")
        for text in renderings(of: error) {
            #expect(!text.contains("sig="), "the SAS never reaches an error")
        }
        #expect(delivered == 0)
        #expect(blobs.requestCount == 1, "a refusal is not retried")
        #expect(sleeps.durations.isEmpty)
    }

    @Test func aTruncatedGzipIsAnErrorNamingTheFileNeverAShortResult() async throws {
        let whole = GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<400)))
        // Cut inside the deflate data: the HTTP response is whole, the gzip stream is not.
        let cut = Array(whole.prefix(whole.count * 2 / 3))
        let blobs = try Blobs.server { _, _, _ in Blobs.file(cut) }
        defer { blobs.stop() }
        let sleeps = SleepRecorder()
        let (client, file, graph) = try await export(listing: ["cut.json.gz"], on: blobs, sleeps: sleeps) {
            $0.retry = RetryPolicy(maximumAttempts: 3)
        }
        defer { graph.stop() }
        var ids: [String] = []
        var count: Int?
        let error = try #require(await #expect(throws: APIError.self) {
            count = try await client.readResultFile(file) { ids.append($0.json["Id"]?.stringValue ?? "?") }
        })
        #expect(count == nil, "no count: the read did not succeed")
        #expect(error.kind.name == "malformedResponse", "\(error)")
        #expect(error.kind.problem?.contains("cut.json.gz") == true, "\(error)")
        #expect(blobs.requestCount == 3, "read again as the retry policy allows, then given up")
        #expect(sleeps.durations.count == 2, "paused between the reads")
        #expect(!ids.isEmpty && ids.count < 400, "the records before the cut, delivered as they came")
        #expect(ids == (0..<ids.count).map { "r-\($0)" }, "each record once, in order, despite three reads")
    }

    @Test func aFileThatFailsOnceWith503IsReadWhole() async throws {
        let lines = Blobs.lines(0..<20)
        let blobs = try Blobs.server { _, _, nth in
            nth == 0 ? .raw(503, contentType: "application/xml", Data("<Error><Code>ServerBusy</Code></Error>".utf8), headers: [("Retry-After", "3")])
                : Blobs.file(GzipTestData.gzip(Blobs.jsonLines(lines)))
        }
        defer { blobs.stop() }
        let sleeps = SleepRecorder()
        let (client, file, graph) = try await export(listing: ["busy.json.gz"], on: blobs, sleeps: sleeps)
        defer { graph.stop() }
        var texts: [String] = []
        let count = try await client.readResultFile(file) { texts.append($0.text) }
        #expect(texts == lines)
        #expect(count == 20)
        #expect(blobs.requestCount == 2)
        #expect(sleeps.durations == [.seconds(3)], "the storage's Retry-After")
    }

    @Test func aFileCutShortOnTheWireResumesAfterTheRecordsDelivered() async throws {
        // Records that do not compress away, so that the first half of the file holds many.
        let lines = (0..<3_000).map { index in #"{"Id":"r-\#(index)","Amount":\#(index).25,"Note":"\#(UUID().uuidString)"}"# }
        let whole = Data(GzipTestData.gzip(Blobs.jsonLines(lines)))
        let blobs = try Blobs.server { _, _, nth in
            // The first time the connection drops after half the body; then the whole body.
            let stop = nth == 0 ? whole.count / 2 : whole.count
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/octet-stream")], streamingLength: whole.count) { offset in
                offset < stop ? whole.subdata(in: offset..<min(offset + 8_192, stop)) : nil
            }
        }
        defer { blobs.stop() }
        let sleeps = SleepRecorder()
        let (client, file, graph) = try await export(listing: ["dropped.json.gz"], on: blobs, sleeps: sleeps)
        defer { graph.stop() }
        var texts: [String] = []
        var deliveredOnTheFirstRead = 0
        let count = try await client.readResultFile(file) { record in
            if blobs.requestCount == 1 { deliveredOnTheFirstRead += 1 }
            texts.append(record.text)
        }
        #expect(blobs.requestCount == 2, "read again once")
        #expect(deliveredOnTheFirstRead > 0 && deliveredOnTheFirstRead < lines.count, "the first read delivered part: \(deliveredOnTheFirstRead)")
        #expect(texts.count == lines.count)
        #expect(texts == lines, "every record exactly once, in order")
        #expect(count == lines.count)
        #expect(sleeps.durations.count == 1)
    }

    @Test func aFileThatStaysCutShortOnTheWireIsAnError() async throws {
        let whole = Data(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<100))))
        let blobs = try Blobs.server { _, _, _ in
            HTTPServerResponse(status: 200, headers: [], streamingLength: whole.count) { offset in
                offset < whole.count / 2 ? whole.subdata(in: offset..<(whole.count / 2)) : nil
            }
        }
        defer { blobs.stop() }
        let (client, file, graph) = try await export(listing: ["dropped.json.gz"], on: blobs) { $0.retry = RetryPolicy(maximumAttempts: 2) }
        defer { graph.stop() }
        var delivered: [String] = []
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.readResultFile(file) { delivered.append($0.text) }
        })
        #expect(["transport", "malformedResponse"].contains(error.kind.name), "\(error)")
        #expect(blobs.requestCount == 2)
        #expect(Set(delivered).count == delivered.count, "no record twice")
        for text in renderings(of: error) {
            #expect(!text.contains("sig="), "the SAS never reaches an error: \(text)")
        }
    }

    @Test func cancellingTheReadingTaskEndsTheReadWithCancelled() async throws {
        let whole = Data(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<2_000))))
        let gate = Gate()
        defer { gate.open() }
        let blobs = try Blobs.server { _, _, _ in
            HTTPServerResponse(status: 200, headers: [], streamingLength: whole.count) { offset in
                // Half the file, then nothing until the test ends.
                if offset < whole.count / 2 { return whole.subdata(in: offset..<(whole.count / 2)) }
                gate.wait(seconds: 30)
                return nil
            }
        }
        defer { blobs.stop() }
        let (client, file, graph) = try await export(listing: ["slow.json.gz"], on: blobs)
        defer { graph.stop() }
        let delivered = Tally()
        let task = Task { try await client.readResultFile(file) { _ in delivered.add() } }
        let deadline = ContinuousClock.now + .seconds(20)
        while delivered.count == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(delivered.count > 0, "records of the first half arrived")
        task.cancel()
        let result = await task.result
        gate.open()
        guard case let .failure(error) = result else {
            Issue.record("the read ended without an error")
            return
        }
        #expect((error as? APIError)?.kind.name == "cancelled", "\(type(of: error)): \(error)")
        #expect(blobs.requestCount == 1, "not read again after the cancellation")
    }
}
