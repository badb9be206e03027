import ArgumentParser
import Foundation
import PartnerCenterStub

/// `partner-center stub serve`: the demo stub as a server in the foreground.
struct StubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stub",
        abstract: "Run the local Partner Center stub.",
        subcommands: [Serve.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the stub on 127.0.0.1 until interrupted.",
            discussion: """
                Prints its base URL on standard output. Try another client against it with
                PARTNER_CENTER_BASE_URL=<that URL> and PARTNER_CENTER_TOKEN=<the token>.
                """
        )

        @Option(name: .long, help: "The port (default: a free one).")
        var port: Int = 0

        @Option(name: .long, help: "How many sample customers to serve.")
        var customers: Int = 2_400

        @Option(name: .long, help: "The page size when a request gives no size.")
        var pageSize: Int = 100

        @Option(name: .long, help: "The bearer token to accept (default: any non-empty token).")
        var token: String?

        @Option(name: .long, help: "Answer every Nth customers request with 429 and Retry-After: 1.")
        var throttleEvery: Int?

        @Option(name: .long, help: "Answer every Nth customers request with 503.")
        var failEvery: Int?

        @Option(name: .long, help: "Wait this many milliseconds before each answer.")
        var delayMs: Int?

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard customers >= 0 else { throw ValidationError("--customers must not be negative.") }
            guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 500.") }
            for (name, value) in [("--throttle-every", throttleEvery), ("--fail-every", failEvery)] {
                if let value, value < 1 { throw ValidationError("\(name) must be at least 1.") }
            }
            if let delayMs, !(0...60_000).contains(delayMs) { throw ValidationError("--delay-ms must be between 0 and 60000.") }
        }

        /// The faults the options ask for.
        var faults: [Fault] {
            var faults: [Fault] = []
            if let throttleEvery { faults.append(.throttle(requests: .every(throttleEvery), retryAfterSeconds: 1)) }
            if let failEvery { faults.append(.serverError(requests: .every(failEvery), status: 503)) }
            if let delayMs { faults.append(.delay(milliseconds: delayMs)) }
            return faults
        }

        func run() async throws {
            let stub = try PartnerCenterStub(
                port: port,
                configuration: StubConfiguration(customerCount: customers, defaultPageSize: pageSize, acceptedToken: token, faults: faults)
            )
            Terminal.write(stub.baseURL.absoluteString + "\n")
            Terminal.note("partner-center: stub serving \(customers) customers; demo reseller \(SampleData.demoResellerTenantID); press Ctrl-C to stop")
            while true {
                try await Task.sleep(for: .seconds(3_600))
            }
        }
    }
}
