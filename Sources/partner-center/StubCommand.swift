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

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard customers >= 0 else { throw ValidationError("--customers must not be negative.") }
            guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 500.") }
        }

        func run() async throws {
            let stub = try PartnerCenterStub(
                port: port,
                configuration: StubConfiguration(customerCount: customers, defaultPageSize: pageSize, acceptedToken: token)
            )
            Terminal.write(stub.baseURL.absoluteString + "\n")
            Terminal.note("partner-center: stub serving \(customers) customers; demo reseller \(SampleData.demoResellerTenantID); press Ctrl-C to stop")
            while true {
                try await Task.sleep(for: .seconds(3_600))
            }
        }
    }
}
