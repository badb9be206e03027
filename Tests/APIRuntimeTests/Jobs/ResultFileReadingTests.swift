import APIRuntime
import Foundation
import LocalHTTPServer
import TestSupport
import Testing

/// A job's result files over loopback, from a blob server on another origin: no bearer
/// token and the SAS exactly as given, gzip or plain, lines as they came, the storage's
/// refusal, and the schema's verdict on each record.
@Suite("Loopback: job result files")
struct ResultFileReadingTests {
    /// Runs the export against a Graph server listing `names` on `blobs`, and returns the client and outcome.
    private func export(
        listing names: [String], on blobs: LoopbackServer, sasToken: String = Blobs.sasToken, sleeps: SleepRecorder = SleepRecorder(),
        configure: (inout APIClient.Configuration) -> Void = { _ in }
    ) async throws -> (APIClient, JobOutcome, LoopbackServer) {
        let graph = try graphServer(listing: names, on: blobs, sasToken: sasToken)
        let client = makeJobClient(graph, sleeps: sleeps, configure: configure)
        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        return (client, outcome, graph)
    }

    @Test func theBlobServerGetsNoTokenAndTheSASExactlyAsGiven() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<3)))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["part-00049-b016.c000.json.gz", "sub/part 2.json.gz"], on: blobs)
        defer { graph.stop() }
        let records = try await readAll(client, outcome)
        #expect(records.count == 6)

        let requests = blobs.requests
        #expect(requests.count == 2)
        for request in requests {
            #expect(request.header("Authorization") == nil, "a blob is read with its SAS only: \(request.target)")
            #expect(request.header("client-request-id") == nil && request.header("MS-RequestId") == nil, "none of the API's headers")
            #expect(request.method == "GET")
        }
        #expect(requests.map(\.target) == [
            Blobs.directoryPath + "/part-00049-b016.c000.json.gz?" + Blobs.sasToken,
            Blobs.directoryPath + "/sub/part%202.json.gz?" + Blobs.sasToken,
        ], "the query byte for byte: %3A, %2B, %2F and %3D neither decoded nor encoded again")
        #expect(requests.first?.target.contains("sig=Rp%2BVY0WB%2FUHJ2APB3N%3D") == true)
    }

    @Test func aSASWithALeadingQuestionMarkAndADirectoryWithATrailingSlash() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(Blobs.jsonLines(Blobs.lines(0..<1))) }
        defer { blobs.stop() }
        let graph = try pollingServer { _, _ in
            let manifest = GraphAnswers.manifest(
                rootDirectory: blobs.baseURL.absoluteString + Blobs.directoryPath + "/", sasToken: "?" + Blobs.sasToken, names: ["a.json"]
            )
            return GraphAnswers.operation("succeeded", #""resourceLocation":\#(manifest)"#)
        }
        defer { graph.stop() }
        let client = makeJobClient(graph, sleeps: SleepRecorder())
        let outcome = try await client.runJob("export", parameters: [:], body: JobTestDocument.exportBody)
        #expect(try await readAll(client, outcome).count == 1)
        #expect(blobs.requests.map(\.target) == [Blobs.directoryPath + "/a.json?" + Blobs.sasToken])
    }

    @Test func gzipWithContentEncodingAndPlainJSONLinesReadTheSameRecords() async throws {
        let lines = Blobs.lines(0..<50)
        let blobs = try Blobs.server { name, _, _ in
            switch name {
            case "encoded.json.gz":
                Blobs.file(GzipTestData.gzip(Blobs.jsonLines(lines)), headers: [("Content-Encoding", "gzip")])
            case "plain.json": .raw(200, contentType: "application/json", Data(Blobs.jsonLines(lines)))
            case "members.json.gz":
                // Two gzip members one after the other, as `cat a.gz b.gz` makes.
                Blobs.file(GzipTestData.gzipMembers([Blobs.jsonLines(Array(lines[..<20])), Blobs.jsonLines(Array(lines[20...]))]))
            default: .json(404, "{}")
            }
        }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["encoded.json.gz", "plain.json", "members.json.gz"], on: blobs)
        defer { graph.stop() }
        for file in outcome.files {
            var texts: [String] = []
            let count = try await client.readResultFile(file) { texts.append($0.text) }
            #expect(texts == lines, "\(file.name)")
            #expect(count == lines.count, "\(file.name)")
        }
    }

    @Test func numberLiteralsAndMembersPassThroughByteForByte() async throws {
        let served = [
            #"{"Id":"a","Amount":36.0000}"#,
            #"{"Amount":1E+2,"Id":"b","Extra":{"k":[1,2.50,-0.0]},"Text":"caf\u00e9 \"x\""}"#,
            #"{ "Id" : "c" , "Amount" : "12.3400" }"#,
        ]
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Array(served.joined(separator: "\r\n").utf8))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["n.json.gz"], on: blobs)
        defer { graph.stop() }
        let records = try await readAll(client, outcome)
        #expect(records.map { Array($0.line) } == served.map { Array($0.utf8) }, "each line exactly as served, the last one without a line break too")
        #expect(records.first?.json["Amount"].map { JSONWriter.string(from: $0) } == "36.0000")
        #expect(records.first?.json["Id"] == .string("a"))
        #expect(records.allSatisfy { $0.violations.isEmpty })
    }

    // MARK: The record schema

    private static let checkedLines = [#"{"Id":"a","Amount":1}"#, #"{"Amount":2}"#, #"{"Id":"c","Amount":true}"#, #"{"Id":"d"}"#]

    @Test func aRecordThatBreaksTheSchemaIsDeliveredWithItsViolationsUnderReport() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Self.checkedLines))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["v.json.gz"], on: blobs) { $0.validation = .report }
        defer { graph.stop() }
        let records = try await readAll(client, outcome)
        #expect(records.map(\.text) == Self.checkedLines, "a violation is never a reason to drop a record")
        #expect(records.map(\.number) == [1, 2, 3, 4])
        #expect(records[0].violations.isEmpty && records[3].violations.isEmpty)
        let missing = records[1].violations
        #expect(missing.count == 1)
        #expect(missing.first?.pointer.hasPrefix("line 2") == true, "\(missing)")
        #expect(missing.first?.description.contains("Id") == true, "\(missing)")
        #expect(records[2].violations.map(\.pointer) == ["line 3/Amount"])
    }

    @Test func aRecordsNumberIsItsLineInTheFileBlankLinesCounted() async throws {
        let text = "{\"Id\":\"a\"}\n\n  \r\n{\"Amount\":2}\r\n\n{\"Id\":\"c\"}"
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Array(text.utf8))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["blank.json.gz"], on: blobs)
        defer { graph.stop() }
        let records = try await readAll(client, outcome)
        #expect(records.map(\.text) == [#"{"Id":"a"}"#, #"{"Amount":2}"#, #"{"Id":"c"}"#], "blank lines are skipped")
        #expect(records.map(\.number) == [1, 4, 6], "the line an editor shows")
        #expect(records[1].violations.first?.pointer.hasPrefix("line 4") == true, "\(records[1].violations)")
    }

    @Test func aRecordThatBreaksTheSchemaFailsTheReadUnderStrict() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Self.checkedLines))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["v.json.gz"], on: blobs) { $0.validation = .strict }
        defer { graph.stop() }
        let file = try #require(outcome.files.first)
        var delivered: [String] = []
        let error = try #require(await #expect(throws: APIError.self) {
            try await client.readResultFile(file) { delivered.append($0.text) }
        })
        let violations = try #require(error.kind.violations, "\(error)")
        #expect(violations.first?.pointer.hasPrefix("line 2") == true, "\(violations)")
        #expect(delivered == [Self.checkedLines[0]], "the records before it were delivered, none after")
        #expect(blobs.requestCount == 1, "a violation is not retried")
    }

    @Test func aLineThatIsNotJSONIsMalformedAndNamesItsLine() async throws {
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines([#"{"Id":"a"}"#, #"{"Id":"b","#]))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["bad.json.gz"], on: blobs)
        defer { graph.stop() }
        let error = try #require(await #expect(throws: APIError.self) { _ = try await readAll(client, outcome) })
        #expect(error.kind.name == "malformedResponse")
        #expect(error.kind.problem?.contains("bad.json.gz, line 2") == true, "\(error)")
        #expect(blobs.requestCount == 1)
    }

    @Test func aHandlerErrorIsPassedThroughAndNotRetried() async throws {
        struct Stop: Error {}
        let blobs = try Blobs.server { _, _, _ in Blobs.file(GzipTestData.gzip(Blobs.jsonLines(Blobs.lines(0..<5)))) }
        defer { blobs.stop() }
        let (client, outcome, graph) = try await export(listing: ["a.json.gz"], on: blobs)
        defer { graph.stop() }
        let file = try #require(outcome.files.first)
        var seen = 0
        await #expect(throws: Stop.self) {
            try await client.readResultFile(file) { _ in
                seen += 1
                if seen == 2 { throw Stop() }
            }
        }
        #expect(seen == 2)
        #expect(blobs.requestCount == 1)
    }
}
