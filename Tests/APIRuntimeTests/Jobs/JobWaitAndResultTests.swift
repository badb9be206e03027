import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// How long a job is waited for, where it may be read (only on its API's origin), and the
/// shapes a succeeded job's result comes in.
@Suite("Loopback: job waits, locations and results")
struct JobWaitAndResultTests {
    // MARK: The wait

    @Test func aJobThatNeverEndsIsUnfinishedAfterTheMaximumWaitAndNamesItsURL() async throws {
        let graph = try pollingServer { _, _ in GraphAnswers.operation("running", retryAfter: "60") }
        defer { graph.stop() }
        let sleeps = SleepRecorder()
        let client = makeJobClient(graph, sleeps: sleeps)
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody, options: JobWaitOptions(maximumWait: .seconds(180)))
        })
        guard case let .jobUnfinished(text) = error.kind else {
            Issue.record("expected jobUnfinished, got \(error)")
            return
        }
        let url = graph.baseURL.absoluteString + "/v1.0/operations/op-1"
        #expect(text.contains(url), "names where the job goes on: \(text)")
        #expect(error.description.contains(url))
        #expect(text.contains("'running'"))
        #expect(text.contains("after 4 reads in 3 min 0 s (the wait allowed is 3 min 0 s)"), "the pauses are the time waited: \(text)")
        // The pauses count towards the wait whether or not the injected sleep sleeps: three
        // pauses of 60 s fill the 3 min allowed, and the fourth read is the last.
        #expect(sleeps.durations == [.seconds(60), .seconds(60), .seconds(60)])
        #expect(graph.requests.filter { $0.path == "/v1.0/operations/op-1" }.count == 4)
    }

    @Test func theJobCanBeWaitedForAgainFromItsURL() async throws {
        let graph = try pollingServer { nth, origin in nth < 1 ? GraphAnswers.operation("running") : GraphAnswers.succeeded(origin: origin) }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let location = try await client.startJob("export", parameters: [:], body: JobTestDocument.exportBody)
        // Another process: another client, the URL kept as text.
        let later = makeJobClient(graph, sleeps: SleepRecorder())
        let outcome = try await later.waitForJob("export", at: try #require(URL(string: location.description)))
        #expect(outcome.job["status"] == .string("succeeded"))
        #expect(outcome.result?["id"] == .string("m-1"))
    }

    @Test func cancellingTheWaitingTaskEndsTheWaitWithCancelled() async throws {
        let graph = try pollingServer { _, _ in GraphAnswers.operation("running", retryAfter: "0.01") }
        defer { graph.stop() }
        let client = makeJobClient(graph) { _ in try await Task.sleep(for: .milliseconds(20)) }
        let task = Task { try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody) }
        await graph.waitForRequests(4)
        task.cancel()
        let result = await task.result
        guard case let .failure(error) = result else {
            Issue.record("the wait ended without an error")
            return
        }
        #expect((error as? APIError)?.kind.name == "cancelled", "\(error)")
        let count = graph.requestCount
        try await Task.sleep(for: .milliseconds(200))
        #expect(graph.requestCount == count, "no read after the cancellation")
    }

    // MARK: Where a job is

    @Test func aLocationOnAnotherOriginIsRefusedAndNothingIsSentThere() async throws {
        let elsewhere = try LoopbackServer { _, _ in GraphAnswers.operation("succeeded") }
        defer { elsewhere.stop() }
        let graph = try LoopbackServer { _, _ in GraphAnswers.accepted(elsewhere.baseURL.absoluteString + "/v1.0/operations/op-1") }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        #expect(error.kind.name == "malformedResponse", "\(error)")
        #expect(error.kind.problem?.contains("leaves") == true, "\(error)")
        #expect(error.operationID == "export")
        // Nor when the URL is given to wait for.
        let direct = try #require(await #expect(throws: APIError.self) {
            _ = try await client.waitForJob("export", at: elsewhere.baseURL.appendingPathComponent("v1.0/operations/op-1"))
        })
        #expect(direct.kind.name == "malformedResponse", "\(direct)")
        #expect(elsewhere.requestCount == 0, "the Graph token must not leave Graph's origin")
    }

    @Test func aResultLinkOnAnotherOriginIsRefused() async throws {
        let elsewhere = try LoopbackServer { _, _ in .ok(GraphAnswers.manifest(rootDirectory: "https://blobs.invalid/c", sasToken: "", names: [])) }
        defer { elsewhere.stop() }
        let graph = try pollingServer { _, _ in
            GraphAnswers.operation("succeeded", #""resourceLocation@odata.navigationLink":"\#(elsewhere.baseURL.absoluteString)/v1.0/manifests/m-1""#)
        }
        defer { graph.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await makeJobClient(graph, sleeps: SleepRecorder()).runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        #expect(error.kind.name == "malformedResponse", "\(error)")
        #expect(elsewhere.requestCount == 0)
    }

    @Test func aRelativeLocationIsReadOnGraphsOrigin() async throws {
        let counter = RequestCounter()
        let graph = try LoopbackServer { request, _ in
            _ = counter.next(request)
            if request.method == "POST" { return GraphAnswers.accepted("/v1.0/operations/op-1") }
            return GraphAnswers.operation("succeeded", #""resourceLocation":{"rootDirectory":"https://blobs.invalid/c","sasToken":"","blobs":[]}"#)
        }
        defer { graph.stop() }
        let location = try await makeJobClient(graph, sleeps: SleepRecorder()).startJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(location.url.absoluteString == graph.baseURL.absoluteString + "/v1.0/operations/op-1")
    }

    @Test func aTwoHundredTwoWithoutLocationNamesNoJob() async throws {
        let graph = try LoopbackServer { _, _ in HTTPServerResponse(status: 202) }
        defer { graph.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await makeJobClient(graph, sleeps: SleepRecorder()).startJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        #expect(error.kind.problem?.contains("Location") == true, "\(error)")
    }

    // MARK: The result

    @Test func theManifestInlineInsteadOfALink() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<2)))) }
        defer { blobs.stop() }
        let manifest = GraphAnswers.manifest(rootDirectory: blobs.baseURL.absoluteString + Blobs.directoryPath, sasToken: Blobs.sasToken, names: ["a.json.gz"])
        let graph = try pollingServer { _, _ in GraphAnswers.operation("succeeded", #""resourceLocation":\#(manifest)"#) }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(outcome.result?["id"] == .string("m-1"))
        #expect(outcome.files.map(\.name) == ["a.json.gz"])
        #expect(try await readAll(client, outcome).map(\.text) == Blobs.lines(0..<2))
        #expect(!graph.requests.contains { $0.path.hasPrefix("/v1.0/manifests") }, "the manifest is not fetched")
    }

    @Test func resourceLocationAsAStringURLIsFollowed() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<2)))) }
        defer { blobs.stop() }
        let root = blobs.baseURL.absoluteString + Blobs.directoryPath
        let counter = RequestCounter()
        let graph = try LoopbackServer { request, _ in
            let origin = GraphAnswers.origin(of: request)
            _ = counter.next(request)
            switch (request.method, request.path) {
            case ("POST", _): return GraphAnswers.accepted(origin + "/v1.0/operations/op-1")
            case (_, "/v1.0/operations/op-1"): return GraphAnswers.operation("succeeded", #""resourceLocation":"\#(origin)/v1.0/manifests/m-1""#)
            case (_, "/v1.0/manifests/m-1"): return .ok(GraphAnswers.manifest(rootDirectory: root, sasToken: Blobs.sasToken, names: ["a.json.gz"]))
            default: return .json(404, "{}")
            }
        }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(outcome.result?["id"] == .string("m-1"))
        #expect(try await readAll(client, outcome).map(\.text) == Blobs.lines(0..<2))
        let manifestRead = try #require(graph.requests.first { $0.path == "/v1.0/manifests/m-1" })
        #expect(manifestRead.header("Authorization") == "Bearer graph-token")
    }

    @Test func aSucceededJobThatNamesNoResultIsMalformed() async throws {
        let graph = try pollingServer { _, _ in GraphAnswers.operation("succeeded") }
        defer { graph.stop() }
        let error = try #require(await #expect(throws: APIError.self) {
            _ = try await makeJobClient(graph, sleeps: SleepRecorder()).runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        })
        #expect(error.kind.problem?.contains("resourceLocation") == true, "\(error)")
    }
}
