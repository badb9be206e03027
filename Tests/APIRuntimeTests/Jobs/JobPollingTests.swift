import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// A job over loopback: the export's `202` and `Location`, the job read until its status
/// ends it (pausing as `Retry-After` says), its result, and the files it lists, read from
/// another origin; each API's own token and headers.
@Suite("Loopback: jobs")
struct JobPollingTests {
    @Test func theWholeFlowFromTheExportToEveryRecord() async throws {
        let blobs = try Blobs.server { name, _, _ in
            switch name {
            case "part-00000.json.gz": Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<3))))
            case "part-00001.json.gz": Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(3..<5))))
            default: .json(404, "{}")
            }
        }
        defer { blobs.stop() }
        let counter = RequestCounter()
        let root = blobs.baseURL.absoluteString + Blobs.directoryPath
        let graph = try LoopbackServer { request, _ in
            let origin = GraphAnswers.origin(of: request)
            let nth = counter.next(request)
            switch (request.method, request.path) {
            case ("POST", "/v1.0/export"): return GraphAnswers.accepted(origin + "/v1.0/operations/op-1")
            case ("GET", "/v1.0/operations/op-1"):
                return nth < 2 ? GraphAnswers.operation("running", retryAfter: "0.25") : GraphAnswers.succeeded(origin: origin)
            case ("GET", "/v1.0/manifests/m-1"):
                return .ok(GraphAnswers.manifest(rootDirectory: root, sasToken: Blobs.sasToken, names: ["part-00000.json.gz", "part-00001.json.gz"]))
            default: return .json(404, GraphAnswers.odataError(code: "NotFound", message: "no such path"))
            }
        }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        let progress = ProgressRecorder()
        let client = makeJobClient(graph, sleeps: sleeps)

        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody, options: JobWaitOptions(progress: progress.record))
        #expect(outcome.job["status"] == .string("succeeded"))
        #expect(outcome.result?["id"] == .string("m-1"))
        #expect(outcome.files.map(\.name) == ["part-00000.json.gz", "part-00001.json.gz"])
        #expect(outcome.files.allSatisfy { $0.recordSchema == "Record" && $0.url.host == "127.0.0.1" && $0.url.port == blobs.baseURL.port })
        #expect(outcome.files.map(\.description) == ["part-00000.json.gz", "part-00001.json.gz"], "a file's description is its name, never its SAS")

        let records = try await readAll(client, outcome)
        #expect(records.map(\.text) == Blobs.lines(0..<5), "every record, in order, file after file")
        #expect(records.map(\.number) == [1, 2, 3, 1, 2])
        #expect(records.allSatisfy { $0.violations.isEmpty })

        #expect(sleeps.durations == [.seconds(0.25), .seconds(0.25)], "Retry-After: 0.25 is followed as given: a quarter of a second")
        #expect(progress.statuses == ["running", "running", "succeeded"])
        #expect(progress.reads == [1, 2, 3])

        let requests = graph.requests
        #expect(requests.map { "\($0.method) \($0.path)" } == [
            "POST /v1.0/export", "GET /v1.0/operations/op-1", "GET /v1.0/operations/op-1", "GET /v1.0/operations/op-1", "GET /v1.0/manifests/m-1",
        ])
        let export = try #require(requests.first)
        #expect(export.header("Authorization") == "Bearer graph-token")
        #expect(UUID(uuidString: export.header("client-request-id") ?? "") != nil, "Graph's per-call request id")
        #expect(export.header("MS-RequestId") == nil, "the main API's headers are not Graph's")
        #expect(export.header("Content-Type")?.hasPrefix("application/json") == true)
        let sent = try JSONParser.parse(export.body)
        #expect(sent == JobTestDocument.exportBody)
        for request in requests {
            #expect(request.header("Authorization") == "Bearer graph-token", "\(request.method) \(request.path) is Graph's: Graph's token")
            #expect(!request.headers.contains { $0.value.contains("main-token") }, "the main API's token never reaches Graph")
        }
        let ids = requests.compactMap { $0.header("client-request-id") }
        #expect(ids.count == requests.count && Set(ids).count == requests.count, "a new client-request-id per call")
        #expect(blobs.requests.count == 2)
        #expect(blobs.requests.allSatisfy { $0.header("Authorization") == nil })
    }

    @Test func completedIsSuccessAndAnUnknownStatusKeepsTheJobWaiting() async throws {
        let statuses = ["notStarted", "validating", "running", "completed"]
        let graph = try pollingServer { nth, origin in
            nth < 3 ? GraphAnswers.operation(statuses[nth]) : GraphAnswers.succeeded(origin: origin, status: "completed")
        }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        let progress = ProgressRecorder()
        let client = makeJobClient(graph, sleeps: sleeps)
        let options = JobWaitOptions(interval: .seconds(4), maximumInterval: .seconds(5), progress: progress.record)

        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody, options: options)
        #expect(outcome.job["status"] == .string("completed"))
        #expect(progress.statuses == statuses)
        #expect(sleeps.durations == [.seconds(4), .seconds(5), .seconds(5)], "no Retry-After: the interval, grown by half, up to the maximum")
    }

    @Test func theDefaultPauseIsFiveSecondsGrowingByHalf() async throws {
        let graph = try pollingServer { nth, origin in nth < 3 ? GraphAnswers.operation("running") : GraphAnswers.succeeded(origin: origin) }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        _ = try await makeJobClient(graph, sleeps: sleeps).runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(sleeps.durations == [.seconds(5), .seconds(7.5), .seconds(11.25)])
    }

    @Test func aFailedJobIsJobFailedWithTheJobsError() async throws {
        let graph = try pollingServer { nth, _ in
            nth == 0
                ? GraphAnswers.operation("running", retryAfter: "1")
                : GraphAnswers.operation("failed", #""error":{"code":"5000","message":"No data available"}"#)
        }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        guard case let .jobFailed(status, body) = error.kind else {
            Issue.record("expected jobFailed, got \(error)")
            return
        }
        #expect(status == "failed")
        #expect(body?.code == "5000")
        #expect(body?.errorDescription == "No data available")
        #expect(error.description.contains("No data available"))
        #expect(error.requestIDHeader == "client-request-id", "the error names Graph's request id header")
        #expect(error.requestID == graph.requests.last?.header("client-request-id"))
        #expect(graph.requests.filter { $0.path == "/v1.0/manifests/m-1" }.isEmpty)
    }

    @Test func aThrottledExportIsRetriedAfterTheFractionalRetryAfter() async throws {
        let counter = RequestCounter()
        let graph = try LoopbackServer { request, _ in
            let origin = GraphAnswers.origin(of: request)
            let nth = counter.next(request)
            switch (request.method, request.path) {
            case ("POST", "/v1.0/export"):
                guard nth > 0 else {
                    return .json(429, GraphAnswers.odataError(code: "TooManyRequests", message: "Too many requests"), headers: [("Retry-After", "2.128")])
                }
                return GraphAnswers.accepted(origin + "/v1.0/operations/op-1")
            default: return .json(404, "{}")
            }
        }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        let client = makeJobClient(graph, sleeps: sleeps)

        // `export` is a POST and not idempotent: a 429 was not processed, so it is retried anyway.
        let location = try await client.startJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(location.url.absoluteString == graph.baseURL.absoluteString + "/v1.0/operations/op-1")
        #expect(location.operationID == "export")
        #expect(sleeps.durations.count == 1)
        #expect(sleeps.durations.first?.isAbout(2.128) == true, "Graph's Retry-After: 2.128 is followed to the millisecond: \(sleeps.durations)")
        let posts = graph.requests.filter { $0.method == "POST" }
        #expect(posts.count == 2)
        let requestIDs = posts.map { $0.header("client-request-id") ?? "" }
        #expect(!requestIDs[0].isEmpty && requestIDs.allSatisfy { $0 == requestIDs[0] }, "kept across the retry")
        #expect(posts.allSatisfy { $0.body == posts[0].body && !$0.body.isEmpty })
    }

    @Test func aThrottledExportThatStaysThrottledIsGraphsODataError() async throws {
        let graph = try LoopbackServer { _, _ in
            .json(429, GraphAnswers.odataError(code: "TooManyRequests", message: "Too many requests"), headers: [("Retry-After", "1.5")])
        }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        let client = makeJobClient(graph, sleeps: sleeps) { $0.retry = RetryPolicy(maximumAttempts: 3) }
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await client.startJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        #expect(error.kind.statusBody?.status == 429)
        #expect(error.kind.statusBody?.body?.code == "TooManyRequests")
        #expect(error.kind.statusBody?.body?.errorDescription == "Too many requests")
        #expect(graph.requestCount == 3)
        #expect(sleeps.durations == [.seconds(1.5), .seconds(1.5)])
    }
}

/// Records each `JobProgress` the wait reports.
final class ProgressRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [JobProgress] = []

    var statuses: [String] { lock.withLock { recorded.map(\.status) } }
    var reads: [Int] { lock.withLock { recorded.map(\.reads) } }

    var record: @Sendable (JobProgress) -> Void {
        { [self] progress in lock.withLock { recorded.append(progress) } }
    }
}

/// A Graph server whose export names job `op-1` and whose job reads answer `poll(nth, origin)`;
/// the manifest lists no files.
func pollingServer(_ poll: @escaping @Sendable (_ nth: Int, _ origin: String) -> HTTPServerResponse) throws -> LoopbackServer {
    let counter = RequestCounter()
    return try LoopbackServer { request, _ in
        let origin = GraphAnswers.origin(of: request)
        let nth = counter.next(request)
        switch (request.method, request.path) {
        case ("POST", "/v1.0/export"): return GraphAnswers.accepted(origin + "/v1.0/operations/op-1")
        case ("GET", "/v1.0/operations/op-1"): return poll(nth, origin)
        case ("GET", "/v1.0/manifests/m-1"): return .ok(GraphAnswers.manifest(rootDirectory: "https://blobs.invalid/c", sasToken: "sig=x", names: []))
        default: return .json(404, GraphAnswers.odataError(code: "NotFound", message: "no such path"))
        }
    }
}
