import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP client to 127.0.0.1 that sends whatever bytes a test gives it, so that the
/// server can be fed what no HTTP library would send. Blocking, with a receive timeout: use
/// it inside `offThePool`.
public final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private var pending: [UInt8] = []

    /// Connects to `port`; reads give up after `timeout` seconds without data.
    public init(port: Int, timeout: Double = 5) throws {
        #if canImport(Glibc) || canImport(Musl)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw RawConnectionError(message: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // A throwing class initializer still runs `deinit`, which closes the socket.
        guard connected == 0 else { throw RawConnectionError(message: "connect() failed: errno \(errno)") }
        var interval = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Sends `bytes`; false when the server closed the connection.
    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { socketSend(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// The next response: status line, headers and a `Content-Length` body; nil when the
    /// connection closed or timed out first.
    public func readResponse() -> RawResponse? {
        while true {
            if let end = headEnd() {
                let head = String(decoding: pending[..<end], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
                let headers = lines.compactMap { line -> (String, String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                }
                let response = RawResponse(status: status, headers: headers, body: [])
                let length = response.header("Content-Length").flatMap(Int.init) ?? 0
                while pending.count < end + 4 + length {
                    guard receive() else { return nil }
                }
                let body = Array(pending[(end + 4)..<(end + 4 + length)])
                pending.removeFirst(end + 4 + length)
                return RawResponse(status: status, headers: headers, body: body)
            }
            guard receive() else { return nil }
        }
    }

    /// Reads at most `count` bytes of whatever arrives.
    public func read(upTo count: Int) -> [UInt8] {
        if pending.isEmpty { _ = receive(maximum: count) }
        let taken = Array(pending.prefix(count))
        pending.removeFirst(taken.count)
        return taken
    }

    /// True when the server closes the connection (end of stream or reset) before the
    /// receive timeout, having sent nothing more.
    public func isClosedByServer() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, 0)
        if count == 0 { return true }
        return count < 0 && errno == ECONNRESET
    }

    /// Closes at once with a reset (no orderly shutdown), as a crashed client would.
    public func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    private func headEnd() -> Int? {
        guard pending.count >= 4 else { return nil }
        for index in 0...(pending.count - 4) where pending[index] == 13 && pending[index + 1] == 10 && pending[index + 2] == 13 && pending[index + 3] == 10 {
            return index
        }
        return nil
    }

    private func receive(maximum: Int = 64 * 1024) -> Bool {
        var chunk = [UInt8](repeating: 0, count: maximum)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        pending.append(contentsOf: chunk[..<count])
        return true
    }
}

/// libc's `send`, under a name `RawConnection.send` does not hide.
private func socketSend(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Darwin)
    send(descriptor, buffer, count, 0)
    #else
    send(descriptor, buffer, count, Int32(MSG_NOSIGNAL))
    #endif
}

public struct RawConnectionError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) {
        self.message = message
    }
}

/// A response as `RawConnection` read it.
public struct RawResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}

/// A GET request for `path` as bytes, with extra header lines.
public func getRequest(_ path: String = "/", headers: [String] = []) -> String {
    (["GET \(path) HTTP/1.1", "Host: 127.0.0.1"] + headers).joined(separator: "\r\n") + "\r\n\r\n"
}

extension RawConnection {
    /// Asks the server on `port` for `path`, reads the first `count` bytes of its answer, and
    /// leaves with a reset: a client that gives up mid-response.
    public static func firstBytes(_ count: Int = 1024, of path: String, port: Int) throws -> [UInt8] {
        let connection = try RawConnection(port: port)
        connection.send(getRequest(path))
        let bytes = connection.read(upTo: count)
        connection.reset()
        return bytes
    }
}
