import Foundation
import LocalHTTPServer
import PartnerCenterStub
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The token the tests' stubs accept.
let testToken = "TEST-TOKEN-abcdef123456"

/// A `PartnerCenterStub` started for one test, stopped when the test is done with it.
final class StubFixture: Sendable {
    let stub: PartnerCenterStub

    init(_ configuration: StubConfiguration = StubConfiguration(acceptedToken: testToken)) throws {
        stub = try PartnerCenterStub(configuration: configuration)
    }

    var baseURL: String { stub.baseURL.absoluteString }

    /// The environment pointing the CLI at this stub with `token`, for Partner Center and for
    /// Microsoft Graph, which the stub serves on the same port.
    func environment(token: String = testToken) -> [String: String] {
        [
            "PARTNER_CENTER_BASE_URL": baseURL, "PARTNER_CENTER_TOKEN": token,
            "PARTNER_CENTER_GRAPH_BASE_URL": baseURL, "PARTNER_CENTER_GRAPH_TOKEN": token,
        ]
    }

    /// The customers the stub holds for `reseller`, in the order it serves them.
    func expectedCustomers(of reseller: String = SampleData.demoResellerTenantID) -> [SampleData.Entry] {
        stub.data.entries.filter { $0.resellerTenantID == reseller }
    }

    deinit {
        stub.stop()
    }
}

/// A server that answers every request with 500 and counts what reached it.
final class CountingServer: Sendable {
    private let server: LocalHTTPServer
    private let counter = Counter()

    init() throws {
        let counter = self.counter
        server = try LocalHTTPServer { _ in
            counter.increment()
            return .json(500, "{\"code\":1,\"description\":\"counting server\"}")
        }
    }

    var baseURL: String { server.baseURL.absoluteString }
    var requestCount: Int { counter.value }

    deinit {
        server.stop()
    }
}

/// A loopback port that is bound but never listens: connecting to it is refused at once,
/// and no other test can take it while this value lives.
final class ClosedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    init() throws {
        #if canImport(Glibc) || canImport(Musl)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ClosedPortError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(descriptor)
            throw ClosedPortError()
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit {
        close(descriptor)
    }

    struct ClosedPortError: Error {}
}

/// A count kept across the threads of a test server.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

extension StubTokenRequest {
    /// Whether the request is `login`'s or a command's redemption of a sign-in for Microsoft
    /// Graph's scope (the spec's other API), not for Partner Center.
    var isForGraph: Bool { form["scope"]?.contains("https://graph.microsoft.com/") == true }
}
