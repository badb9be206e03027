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
                PARTNER_CENTER_BASE_URL=<that URL> and PARTNER_CENTER_TOKEN=<the token>. It serves
                Microsoft Graph's billing exports on the same port: add
                PARTNER_CENTER_GRAPH_BASE_URL=<that URL> and PARTNER_CENTER_GRAPH_TOKEN=<the token>.

                The base URL is also an identity platform to sign in to: with \
                PARTNER_CENTER_AUTHORITY=<that URL>, `partner-center login --client-id <any>` \
                signs in after two polls (see --sign-in), and commands with \
                PARTNER_CENTER_BASE_URL=<that URL> then use the kept sign-in.
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

        @Option(name: .long, help: "How a device-code sign-in goes: approve (after two pending polls), slow-down, decline or expire.")
        var signIn: SignInMode = .approve

        @Option(name: .long, help: "The lifetime of the access tokens it issues, in seconds.")
        var accessTokenLifetime: Int = 3600

        @Option(name: .long, help: "Pad invoice statement PDFs to at least this many bytes, for trying large downloads.")
        var statementBytes: Int = 0

        @Option(name: .long, help: "The line items of each billing export (Microsoft Graph), for trying large exports.")
        var exportLines: Int = 1_000

        @Option(name: .long, help: "The line items per file of a billing export.")
        var exportLinesPerFile: Int = 50_000

        /// The `--sign-in` choices.
        enum SignInMode: String, ExpressibleByArgument, CaseIterable {
            case approve, slowDown = "slow-down", decline, expire

            var behaviour: SignInBehaviour {
                switch self {
                case .approve: SignInBehaviour()
                case .slowDown: SignInBehaviour(waits: [.slowDown, .pending])
                case .decline: SignInBehaviour(waits: [.pending], outcome: .declined)
                case .expire: SignInBehaviour(waits: [.pending], outcome: .expired)
                }
            }
        }

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard customers >= 0 else { throw ValidationError("--customers must not be negative.") }
            guard (1...500).contains(pageSize) else { throw ValidationError("--page-size must be between 1 and 500.") }
            for (name, value) in [("--throttle-every", throttleEvery), ("--fail-every", failEvery)] {
                if let value, value < 1 { throw ValidationError("\(name) must be at least 1.") }
            }
            if let delayMs, !(0...60_000).contains(delayMs) { throw ValidationError("--delay-ms must be between 0 and 60000.") }
            guard (0...(1 << 40)).contains(statementBytes) else { throw ValidationError("--statement-bytes must be between 0 and 1 TiB.") }
            guard (0...100_000_000).contains(exportLines) else { throw ValidationError("--export-lines must be between 0 and 100000000.") }
            guard exportLinesPerFile >= 1 else { throw ValidationError("--export-lines-per-file must be at least 1.") }
            guard (0...86_400).contains(accessTokenLifetime) else { throw ValidationError("--access-token-lifetime must be between 0 and 86400.") }
        }

        /// The faults the options ask for.
        var faults: [Fault] {
            var faults: [Fault] = []
            if let throttleEvery { faults.append(.throttle(requests: .every(throttleEvery), retryAfterSeconds: 1)) }
            if let failEvery { faults.append(.serverError(requests: .every(failEvery), status: 503)) }
            if let delayMs { faults.append(.delay(milliseconds: delayMs)) }
            return faults
        }

        /// The sign-in `--sign-in` and `--access-token-lifetime` describe.
        var signInBehaviour: SignInBehaviour {
            var behaviour = signIn.behaviour
            behaviour.accessTokenLifetime = accessTokenLifetime
            return behaviour
        }

        func run() async throws {
            let stub = try PartnerCenterStub(
                port: port,
                configuration: StubConfiguration(
                    customerCount: customers, defaultPageSize: pageSize, acceptedToken: token, faults: faults, signIn: signInBehaviour,
                    statementBytes: statementBytes, exportLines: exportLines, exportLinesPerBlob: exportLinesPerFile
                )
            )
            Terminal.write(stub.baseURL.absoluteString + "\n")
            Terminal.note("partner-center: stub serving \(customers) customers; demo reseller \(SampleData.demoResellerTenantID); press Ctrl-C to stop")
            Terminal.note("partner-center: to sign in to it: PARTNER_CENTER_AUTHORITY=\(stub.baseURL.absoluteString) partner-center login --client-id demo")
            Terminal.note("partner-center: Microsoft Graph's billing exports too: PARTNER_CENTER_GRAPH_BASE_URL=\(stub.baseURL.absoluteString)")
            while true {
                try await Task.sleep(for: .seconds(3_600))
            }
        }
    }
}
