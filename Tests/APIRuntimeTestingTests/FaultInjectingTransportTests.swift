import APIRuntime
import APIRuntimeTesting
import Foundation
import LocalHTTPServer
import PartnerCenter
import Testing
import TestSupport

/// `FaultInjectingTransport` over a real `URLSessionHTTPTransport`, against a server on 127.0.0.1.
@Suite struct FaultInjectingTransportTests {
    /// A server answering every customer by id, and statements as bytes; it counts requests.
    private final class CustomerServer: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        private var server: LocalHTTPServer?
        static let statement = Data("%PDF-1.4 a statement".utf8)

        init() throws {
            server = try LocalHTTPServer(port: 0) { [weak self] request in
                self?.lock.withLock { self?.count += 1 }
                if request.path.hasSuffix("/documents/statement") {
                    return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/pdf")], body: Self.statement)
                }
                let id = request.path.split(separator: "/").last.map(String.init) ?? ""
                return .json(200, customerJSON(id))
            }
        }

        var baseURL: URL { server?.baseURL ?? URL(fileURLWithPath: "/") }
        var requestCount: Int { lock.withLock { count } }

        deinit { server?.stop() }
    }

    private func client(_ transport: any HTTPTransport, server: CustomerServer, sleep: SleepRecorder) -> PartnerCenterClient {
        PartnerCenterClient(
            baseURL: server.baseURL, tokenProvider: StaticTokenProvider("test-token"), configuration: .init(
                // Long timeouts: a busy machine running every suite at once can hold a call for minutes.
                transport: transport, requestTimeout: .seconds(600), callTimeout: .seconds(3_600), sleep: sleep.sleep
            )
        )
    }

    @Test func a503WithRetryAfterIsRetriedByTheClient() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.unavailable(retryAfter: 2, on: .first(1))])
        let sleep = SleepRecorder()
        let customer = try await client(transport, server: server, sleep: sleep).getCustomerById(customerTenantId: customerID)
        #expect(customer.id == customerID)
        #expect(sleep.durations == [.seconds(2)], "the client waits what Retry-After says")
        #expect(transport.requestCount == 2)
        #expect(server.requestCount == 1, "the injected 503 never reached the server")
        #expect(transport.injected.map(\.requestNumber) == [1])
    }

    @Test func throttlingOnChosenRequestsIsRetriedUntilItPasses() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.throttle(retryAfter: 1, on: .only([1, 2]))])
        let sleep = SleepRecorder()
        _ = try await client(transport, server: server, sleep: sleep).getCustomerById(customerTenantId: customerID)
        #expect(sleep.durations == [.seconds(1), .seconds(1)])
        #expect(server.requestCount == 1)
    }

    @Test func aDroppedConnectionIsRetriedForAGet() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.dropConnection(on: .first(1))])
        let sleep = SleepRecorder()
        let customer = try await client(transport, server: server, sleep: sleep).getCustomerById(customerTenantId: customerID)
        #expect(customer.id == customerID)
        #expect(transport.requestCount == 2)
        #expect(server.requestCount == 1)
        #expect(sleep.durations.count == 1)
    }

    @Test func aDroppedResponseReachedTheServerFirst() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.dropResponse(on: .first(1))])
        _ = try await client(transport, server: server, sleep: SleepRecorder()).getCustomerById(customerTenantId: customerID)
        #expect(server.requestCount == 2, "the lost answer's request was served, then retried")
    }

    @Test func withNoRetriesTheDroppedConnectionIsATransportError() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.dropConnection(on: .all)])
        let client = PartnerCenterClient(baseURL: server.baseURL, tokenProvider: StaticTokenProvider("t"), configuration: .init(transport: transport, retry: .none))
        let error = await #expect(throws: APIError.self) { _ = try await client.getCustomerById(customerTenantId: customerID) }
        guard case .transport? = error?.kind else {
            Issue.record("expected a transport error, got \(String(describing: error))")
            return
        }
        #expect(server.requestCount == 0)
    }

    @Test func latencyGoesThroughTheInjectedSleepOnChosenRequests() async throws {
        let server = try CustomerServer()
        let latency = SleepRecorder()
        let transport = FaultInjectingTransport(
            wrapping: URLSessionHTTPTransport(), faults: [.latency(.milliseconds(250), on: .every(2))], sleep: latency.sleep
        )
        let client = client(transport, server: server, sleep: SleepRecorder())
        for _ in 1...4 { _ = try await client.getCustomerById(customerTenantId: customerID) }
        #expect(latency.durations == [.milliseconds(250), .milliseconds(250)])
        #expect(transport.injected.map(\.requestNumber) == [2, 4])
    }

    @Test func realLatencyDelaysTheAnswer() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.latency(.milliseconds(30))])
        let started = ContinuousClock.now
        _ = try await client(transport, server: server, sleep: SleepRecorder()).getCustomerById(customerTenantId: customerID)
        #expect(ContinuousClock.now - started >= .milliseconds(30))
    }

    @Test func aDownloadGoesThroughTheWrappedTransportAfterAFault() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.unavailable(retryAfter: 0, on: .first(1))])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fault-statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        let response = try await client(transport, server: server, sleep: SleepRecorder()).getInvoiceStatement(invoiceId: "G000024132", to: file)
        #expect(response.value == CustomerServer.statement.count)
        #expect(try Data(contentsOf: file) == CustomerServer.statement)
        #expect(server.requestCount == 1)
    }

    @Test func aDroppedDownloadLeavesTheFileAsItWas() async throws {
        let server = try CustomerServer()
        let transport = FaultInjectingTransport(wrapping: URLSessionHTTPTransport(), faults: [.dropResponse(on: .all)])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fault-statement-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("before".utf8).write(to: file)
        let client = PartnerCenterClient(baseURL: server.baseURL, tokenProvider: StaticTokenProvider("t"), configuration: .init(transport: transport, retry: .none))
        await #expect(throws: APIError.self) { _ = try await client.getInvoiceStatement(invoiceId: "G000024132", to: file) }
        #expect(server.requestCount == 1, "the request reached the server")
        #expect(try Data(contentsOf: file) == Data("before".utf8))
    }

    @Test(arguments: [
        (RequestNumbers.first(2), [1, 2]),
        (.every(3), [3, 6, 9]),
        (.every(0), []),
        (.only([4, 7]), [4, 7]),
        (.all, Array(1...10)),
    ])
    func requestNumbersAreChosenDeterministically(numbers: RequestNumbers, expected: [Int]) {
        #expect((1...10).filter(numbers.contains) == expected)
    }
}
