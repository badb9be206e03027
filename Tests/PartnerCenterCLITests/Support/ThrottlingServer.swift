import Foundation
import LocalHTTPServer
import PartnerCenter
import PartnerCenterStub

/// A server that answers its first request with 429 and `Retry-After`, then one page of
/// customers, and records when each request arrived (to measure the client's wait exactly).
final class ThrottlingServer: Sendable {
    private let server: LocalHTTPServer
    private let log = ArrivalLog()

    init(retryAfterSeconds: Int, customers: [Customer]) throws {
        let log = self.log
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let page = try encoder.encode(CustomerCollection(
            totalCount: customers.count, items: customers, links: Links(self_: Link(uri: "/customers", method: "GET", headers: [])),
            attributes: ResourceAttributes(objectType: "Collection")
        ))
        server = try LocalHTTPServer { _ in
            let number = log.record()
            if number == 1 {
                return .json(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded.\"}", headers: [("Retry-After", String(retryAfterSeconds))])
            }
            return HTTPServerResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8")], body: page)
        }
    }

    var baseURL: String { server.baseURL.absoluteString }
    /// When each request arrived, in order.
    var arrivals: [ContinuousClock.Instant] { log.arrivals }

    deinit {
        server.stop()
    }

    private final class ArrivalLog: @unchecked Sendable {
        private let lock = NSLock()
        private var times: [ContinuousClock.Instant] = []

        var arrivals: [ContinuousClock.Instant] { lock.withLock { times } }

        func record() -> Int {
            lock.withLock {
                times.append(.now)
                return times.count
            }
        }
    }
}
