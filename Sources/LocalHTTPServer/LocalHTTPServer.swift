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
/// One thread accepts connections; each connection is served on its own thread: one request,
/// one response, then the connection closes (`Connection: close`). The handler is called on
/// that thread and may block (e.g. to simulate a slow server). Not meant for the internet:
/// it binds to 127.0.0.1 only and bounds the request size.
public final class LocalHTTPServer: Sendable {
    /// Handles one request.
    public typealias Handler = @Sendable (HTTPServerRequest) -> HTTPServerResponse

    /// The port the server listens on (chosen by the system when 0 was asked for).
    public let port: Int
    private let listener: Int32
    private let state = LockedFlag()

    /// The base URL of the server, `http://127.0.0.1:PORT`.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
    }

    /// Starts listening on 127.0.0.1.
    /// - Parameters:
    ///   - port: The port, or 0 for any free one.
    ///   - handler: Answers each request.
    /// - Throws: `LocalHTTPServerError` when the socket cannot be bound.
    public init(port: Int = 0, handler: @escaping Handler) throws(LocalHTTPServerError) {
        let socket = Socket.open(port: port)
        guard case let .success((descriptor, boundPort)) = socket else {
            if case let .failure(error) = socket { throw error }
            throw LocalHTTPServerError(message: "cannot listen")
        }
        listener = descriptor
        self.port = boundPort
        let state = self.state
        let thread = Thread {
            while !state.isSet {
                let connection = accept(descriptor, nil, nil)
                if connection < 0 {
                    if state.isSet { break }
                    continue
                }
                let worker = Thread {
                    Connection(descriptor: connection).serve(with: handler)
                }
                worker.start()
            }
        }
        thread.start()
    }

    /// Stops accepting connections; connections being served finish.
    public func stop() {
        guard state.set() else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
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

/// A flag set once, safe across threads.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.withLock { value } }

    /// Sets the flag; false when it was already set.
    func set() -> Bool {
        lock.withLock {
            defer { value = true }
            return !value
        }
    }
}

/// The listening socket.
private enum Socket {
    static func open(port: Int) -> Result<(Int32, Int), LocalHTTPServerError> {
        #if canImport(Glibc) || canImport(Musl)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return .failure(LocalHTTPServerError(message: "socket() failed: errno \(errno)")) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(descriptor, 128) == 0 else {
            let code = errno
            close(descriptor)
            return .failure(LocalHTTPServerError(message: "cannot listen on 127.0.0.1:\(port): errno \(code)"))
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return .success((descriptor, Int(UInt16(bigEndian: address.sin_port))))
    }
}
