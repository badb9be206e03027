import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few socket calls the server makes, with the platform differences in one place.
enum Socket {
    /// A non-blocking listening socket on 127.0.0.1, and the port it got.
    static func openListener(port: Int) -> Result<(Int32, Int), LocalHTTPServerError> {
        guard (0...65535).contains(port) else { return .failure(LocalHTTPServerError(message: "port \(port) is not between 0 and 65535")) }
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
        guard bound == 0, listen(descriptor, Int32(SOMAXCONN)) == 0, setNonBlocking(descriptor) else {
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

    /// The next pending connection, set up for serving; nil when none is waiting (or on error,
    /// with `errno` telling which).
    static func acceptConnection(_ listener: Int32, writeTimeout: Duration) -> Int32? {
        let descriptor = accept(listener, nil, nil)
        guard descriptor >= 0 else { return nil }
        // Darwin hands the listener's O_NONBLOCK down; writes here block (up to the timeout).
        let flags = fcntl(descriptor, F_GETFL, 0)
        if flags >= 0, flags & O_NONBLOCK != 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        var one: Int32 = 1
        #if canImport(Darwin)
        // Darwin has no MSG_NOSIGNAL: a peer that hangs up must not raise SIGPIPE.
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let components = writeTimeout.components
        var timeout = timeval(tv_sec: .init(components.seconds), tv_usec: .init(components.attoseconds / 1_000_000_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return descriptor
    }

    /// Appends to `buffer` what is available, without waiting; false when the peer closed
    /// or the connection failed (true, with nothing added, when nothing is there yet).
    static func receiveAvailable(_ descriptor: Int32, into buffer: inout [UInt8], scratch: inout [UInt8]) -> Bool {
        guard let count = receive(descriptor, into: &scratch) else { return false }
        buffer.append(contentsOf: scratch[..<count])
        return true
    }

    /// Reads what is available into `scratch`, without waiting: how many bytes (0 when
    /// nothing is there yet), or nil when the peer closed or the connection failed.
    static func receive(_ descriptor: Int32, into scratch: inout [UInt8]) -> Int? {
        let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 { return count }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR { return 0 }
        return nil
    }

    /// Writes all of `bytes`, blocking up to the socket's send timeout; false when the peer
    /// went away or stopped reading.
    @discardableResult
    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8], blocking: Bool = true) -> Bool {
        var sent = 0
        let flags = sendFlags | (blocking ? 0 : Int32(MSG_DONTWAIT))
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, flags) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Closes a connection after its last response: the write side first, so the client
    /// reads the whole response before it sees the end.
    static func finish(_ descriptor: Int32) {
        shutdown(descriptor, Int32(SHUT_WR))
        close(descriptor)
    }

    static func setNonBlocking(_ descriptor: Int32) -> Bool {
        let flags = fcntl(descriptor, F_GETFL, 0)
        return flags >= 0 && fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0
    }

    #if canImport(Darwin)
    private static let sendFlags: Int32 = 0
    #else
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif
}
