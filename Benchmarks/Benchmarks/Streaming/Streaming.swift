import APIRuntime
import Benchmark
import Foundation
import LocalHTTPServer

/// A loopback server that answers every request with a body of `length` bytes, produced
/// chunk by chunk from one 64 KB block: the server itself holds almost nothing. The server
/// stops when the fixture goes, after the benchmark.
struct StreamingFixture: Sendable {
    static let length = 200 << 20
    private static let block = Data((0..<(64 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) })

    let server: LocalHTTPServer
    let request: TransportRequest

    /// Starts the server.
    /// - Parameters:
    ///   - length: The body's length in bytes.
    ///   - paced: Whether the server waits a millisecond before each 64 KB chunk (at most
    ///     64 MB/s, as a fast network delivers) instead of sending at memory speed.
    /// - Throws: `LocalHTTPServerError` when it cannot listen.
    init(length: Int = Self.length, paced: Bool = false) throws {
        server = try LocalHTTPServer(port: 0) { _ in
            HTTPServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], streamingLength: length) { offset in
                if paced { Thread.sleep(forTimeInterval: 0.001) }
                return Self.block.prefix(length - offset)
            }
        }
        request = TransportRequest(method: "GET", url: server.baseURL.appendingPathComponent("invoice.pdf"), timeout: .seconds(60))
    }
}

/// A body that did not arrive whole.
struct StreamingError: Error, CustomStringConvertible {
    var description: String
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.peakMemoryResident, .wallClock, .throughput],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 5
    )

    // The streamed body, counted and dropped chunk by chunk.
    Benchmark("Stream 200 MB (URLSessionHTTPTransport.stream, discard)") { benchmark, fixture in
        let transport = URLSessionHTTPTransport()
        for _ in benchmark.scaledIterations {
            let response = try await transport.stream(fixture.request)
            var count = 0
            for try await chunk in response.body { count += chunk.count }
            guard count == StreamingFixture.length else { throw StreamingError(description: "received \(count) bytes") }
        }
    } setup: {
        try StreamingFixture()
    }

    // The streamed body into a file, as a caller saves an invoice: from a server at memory
    // speed, and from one paced as a network.
    for paced in [false, true] {
        Benchmark("Stream 200 MB to a file (ResponseBodyStream.write(to:))\(paced ? ", paced server" : "")") { benchmark, fixture in
            let transport = URLSessionHTTPTransport()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-benchmark-\(UUID().uuidString).pdf")
            defer { try? FileManager.default.removeItem(at: file) }
            for _ in benchmark.scaledIterations {
                let count = try await transport.stream(fixture.request).body.write(to: file)
                guard count == StreamingFixture.length else { throw StreamingError(description: "wrote \(count) bytes") }
            }
        } setup: {
            try StreamingFixture(paced: paced)
        }
    }

    // The body written to a file by a download task, as `--output` and the generated
    // `…(to:)` methods save an invoice: from a server at memory speed.
    Benchmark("Download 200 MB to a file (URLSessionHTTPTransport.download(_:to:))") { benchmark, fixture in
        let transport = URLSessionHTTPTransport()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("streaming-benchmark-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        for _ in benchmark.scaledIterations {
            _ = try await transport.download(fixture.request, to: file)
            let count = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
            guard count == StreamingFixture.length else { throw StreamingError(description: "wrote \(count ?? 0) bytes") }
        }
    } setup: {
        try StreamingFixture()
    }

    // The floor: the process, the server and a transport, with a body of 1 KB.
    Benchmark("Send 1 KB whole (floor)") { benchmark, fixture in
        let transport = URLSessionHTTPTransport()
        for _ in benchmark.scaledIterations {
            blackHole(try await transport.send(fixture.request))
        }
    } setup: {
        try StreamingFixture(length: 1024)
    }

    // For comparison: the same body read whole with `send`.
    Benchmark("Send 200 MB whole (URLSessionHTTPTransport.send, baseline)") { benchmark, fixture in
        let transport = URLSessionHTTPTransport()
        for _ in benchmark.scaledIterations {
            let response = try await transport.send(fixture.request)
            guard response.body.count == StreamingFixture.length else { throw StreamingError(description: "received \(response.body.count) bytes") }
            blackHole(response)
        }
    } setup: {
        try StreamingFixture()
    }
}
