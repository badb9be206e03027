import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server on a loopback address, for the Partner Center stub and for tests.
///
/// One thread reads every connection with `poll`; complete requests go to a bounded pool of
/// worker threads, which call the handler (it may block, e.g. to simulate a slow server) and
/// write the response. Connections stay open between requests (HTTP/1.1 keep-alive), up to
/// `Limits.maximumRequestsPerConnection`.
///
/// No request can stop or hang it: malformed or oversized requests are answered 400, 413,
/// 431, 501 or 505 and closed; a client that is too slow gets 408; connections over the limit
/// get 503; idle ones are closed; a client that leaves mid-response costs nothing. Not meant
/// for the internet: it binds to 127.0.0.1 only.
public final class LocalHTTPServer: Sendable {
    /// Handles one request.
    public typealias Handler = @Sendable (HTTPServerRequest) -> HTTPServerResponse

    /// The port the server listens on (chosen by the system when 0 was asked for).
    public let port: Int
    /// What one client may take of the server.
    public let limits: Limits
    private let loop: ConnectionLoop

    /// The base URL of the server, `http://127.0.0.1:PORT`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Starts listening on 127.0.0.1.
    /// - Parameters:
    ///   - port: The port, or 0 for any free one.
    ///   - limits: Sizes, counts and timeouts per client; the defaults suit tests and the stub.
    ///   - handler: Answers each request.
    /// - Throws: `LocalHTTPServerError` when the socket cannot be bound.
    public init(port: Int = 0, limits: Limits = Limits(), handler: @escaping Handler) throws(LocalHTTPServerError) {
        let (listener, boundPort) = try Socket.openListener(port: port).get()
        do {
            loop = try ConnectionLoop(listener: listener, port: boundPort, limits: limits, handler: handler)
        } catch {
            close(listener)
            throw error
        }
        self.port = boundPort
        self.limits = limits
        loop.start()
    }

    /// Stops accepting connections and closes the idle ones; requests being handled finish.
    /// When it returns, the port refuses connections.
    public func stop() {
        loop.stop()
    }

    deinit {
        stop()
    }
}

/// Why the server could not start.
public struct LocalHTTPServerError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
