import APIRuntime
import Benchmark
import Foundation
import PartnerCenter
import PartnerCenterStub

/// A billing export file as the stub serves it: 100,000 reconciliation records, gzip-compressed,
/// fetched once from an in-process stub (outside the measurement).
struct ExportFixture: Sendable {
    static let records = 100_000

    /// The file's gzip bytes.
    let gzip: Data
    let file: ResultFile

    init() async throws {
        let stub = try PartnerCenterStub(configuration: StubConfiguration(
            customerCount: 100, acceptedToken: "benchmark", exportLines: Self.records, exportLinesPerBlob: Self.records, exportPolls: 0
        ))
        defer { stub.stop() }
        let client = stub.client(token: "benchmark").client
        let outcome = try await client.runJob("exportBilledReconciliation", parameters: [:], body: .object(["invoiceId": .string("G016907411")]))
        guard let file = outcome.files.first, outcome.files.count == 1 else { throw ExportFixtureError("the export lists \(outcome.files.count) files") }
        gzip = try await URLSessionHTTPTransport().send(TransportRequest(method: "GET", url: file.url, timeout: .seconds(120))).body
        self.file = file
    }
}

/// A fixture that could not be made.
struct ExportFixtureError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Hands out one file's bytes in 64 KiB chunks, from memory: what the runtime does with a
/// file, without a network's (or FoundationNetworking's) cost.
struct InMemoryFileTransport: HTTPTransport {
    let bytes: Data

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        TransportResponse(status: 200, body: bytes)
    }

    func stream(_ request: TransportRequest) async throws -> TransportStreamedResponse {
        let chunks = stride(from: 0, to: bytes.count, by: 64 << 10).map { bytes[$0..<min($0 + (64 << 10), bytes.count)] }
        return TransportStreamedResponse(status: 200, body: ResponseBodyStream(AsyncChunks(chunks: chunks)))
    }
}

/// Chunks as an async sequence.
struct AsyncChunks: AsyncSequence, Sendable {
    let chunks: [Data]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: ArraySlice<Data>

        mutating func next() async throws -> Data? {
            remaining.popFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(remaining: chunks[...])
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.cpuTotal, .wallClock, .peakMemoryResident, .throughput],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 5
    )

    // What the runtime does with each record of an export file, the transport aside: gunzip
    // as the chunks arrive, split into lines, parse each, validate it against
    // ReconciliationRecord, hand it over (here: count it and its bytes). CPU per record is the
    // total over ExportFixture.records.
    Benchmark("Export file: 100,000 records, gunzip + split + parse + validate (readResultFile)") { benchmark, fixture in
        let client = APIClient(document: PartnerCenterClient.document, configuration: .init(transport: InMemoryFileTransport(bytes: fixture.gzip)))
        for _ in benchmark.scaledIterations {
            var bytes = 0
            let count = try await client.readResultFile(fixture.file) { record in bytes += record.line.count }
            guard count == ExportFixture.records, bytes > 0 else { throw ExportFixtureError("read \(count) records") }
        }
    } setup: {
        try await ExportFixture()
    }

    // The same file decompressed and split only: the floor under the parse and validation.
    Benchmark("Export file: 100,000 records, gunzip + split only") { benchmark, fixture in
        for _ in benchmark.scaledIterations {
            var gzip = GzipStreamDecoder()
            var lines = JSONLinesSplitter()
            var count = 0
            for chunk in stride(from: 0, to: fixture.gzip.count, by: 64 << 10).map({ fixture.gzip[$0..<min($0 + (64 << 10), fixture.gzip.count)] }) {
                gzip.feed(chunk)
                while let bytes = try gzip.nextOutput() {
                    lines.feed(bytes)
                    while try lines.nextLine() != nil { count += 1 }
                }
            }
            try gzip.finish()
            if try lines.finish() != nil { count += 1 }
            guard count == ExportFixture.records else { throw ExportFixtureError("split \(count) lines") }
        }
    } setup: {
        try await ExportFixture()
    }
}
