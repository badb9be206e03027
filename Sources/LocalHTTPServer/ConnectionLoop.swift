import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The server's one I/O thread: accepts connections and reads requests from all of them with
/// `poll`, and hands each complete request to the worker pool.
///
/// A connection costs a descriptor and a buffer while it waits, never a thread: only a
/// complete request takes a worker, which runs the handler, writes the response and gives a
/// keep-alive connection back. Deadlines bound every wait: `requestTimeout` from a request's
/// first byte to its last (408), `idleTimeout` for a connection with no request (closed).
final class ConnectionLoop: @unchecked Sendable {
    /// One open connection that is not with a worker.
    private struct Waiting: Sendable {
        let descriptor: Int32
        let number: Int
        var buffer: [UInt8] = []
        var parser: RequestParser
        var served = 0
        var deadline: ContinuousClock.Instant
        var sentContinue = false

        /// Some of a request has arrived: the request deadline runs, not the idle one.
        var receivingRequest: Bool { !buffer.isEmpty }
    }

    private let listener: Int32
    private let limits: LocalHTTPServer.Limits
    private let handler: LocalHTTPServer.Handler
    private let pool: WorkerPool
    private let wake: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)

    // Shared with the workers, under `lock`.
    private let lock = NSLock()
    private var returned: [Waiting] = []
    private var withWorkers = 0
    private var stopping = false
    private var wakeClosed = false

    // The loop thread's own.
    private var waiting: [Int32: Waiting] = [:]
    /// Refused connections, write side shut, read until the client stops sending (or for a
    /// second): closing with unread input would reset the connection and could destroy the
    /// refusal before the client reads it.
    private var draining: [Int32: ContinuousClock.Instant] = [:]
    private var acceptPausedUntil: ContinuousClock.Instant?
    private var accepted = 0
    private var scratch = [UInt8](repeating: 0, count: 64 * 1024)

    /// Thread names (at most 15 characters show on Linux): `http-io-PORT` for the loop and
    /// `http-w-PORT` for the workers.
    private let port: Int

    init(listener: Int32, port: Int, limits: LocalHTTPServer.Limits, handler: @escaping LocalHTTPServer.Handler) throws(LocalHTTPServerError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw LocalHTTPServerError(message: "pipe() failed: errno \(errno)") }
        _ = Socket.setNonBlocking(ends[0])
        _ = Socket.setNonBlocking(ends[1])
        wake = (ends[0], ends[1])
        self.listener = listener
        self.limits = limits
        self.handler = handler
        self.port = port
        pool = WorkerPool(maximumWorkers: limits.maximumWorkers, threadName: "http-w-\(port)")
    }

    /// Runs the loop on a thread of its own until `stop()`.
    func start() {
        let thread = Thread { [self] in
            nameCurrentThread("http-io-\(port)")
            run()
        }
        thread.start()
    }

    /// Stops accepting, closes the waiting connections and returns once the loop has ended;
    /// requests with a worker finish, and their connections close.
    func stop() {
        let first = lock.withLock {
            defer { stopping = true }
            return !stopping
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        lock.withLock { signalLoop() }
        finished.wait()
    }

    // MARK: - The loop

    private func run() {
        while true {
            let (back, isStopping) = lock.withLock { () -> ([Waiting], Bool) in
                defer { returned.removeAll() }
                withWorkers -= returned.count
                return (returned, stopping)
            }
            if isStopping {
                back.forEach { Socket.finish($0.descriptor) }
                break
            }
            for connection in back { resume(connection) }
            pollOnce()
            expireDeadlines()
        }
        close(listener)
        for connection in waiting.values { close(connection.descriptor) }
        waiting.removeAll()
        for descriptor in draining.keys { close(descriptor) }
        draining.removeAll()
        pool.close()
        lock.withLock {
            close(wake.read)
            close(wake.write)
            wakeClosed = true
        }
        finished.signal()
    }

    private func pollOnce() {
        let now = ContinuousClock.now
        if let paused = acceptPausedUntil, paused <= now { acceptPausedUntil = nil }
        var descriptors = [pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
        if acceptPausedUntil == nil { descriptors.append(pollfd(fd: listener, events: Int16(POLLIN), revents: 0)) }
        let fixed = descriptors.count
        descriptors.reserveCapacity(fixed + waiting.count)
        var nearest = now + .seconds(1)
        for connection in waiting.values {
            descriptors.append(pollfd(fd: connection.descriptor, events: Int16(POLLIN), revents: 0))
            nearest = min(nearest, connection.deadline)
        }
        for (descriptor, deadline) in draining {
            descriptors.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0))
            nearest = min(nearest, deadline)
        }
        if let paused = acceptPausedUntil { nearest = min(nearest, paused) }
        let wait = max(.zero, nearest - now)
        let milliseconds = Int32(min(1000, wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000 + 1))
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        guard ready > 0 else { return }
        if descriptors[0].revents != 0 { drainWake() }
        if fixed == 2, descriptors[1].revents != 0 { acceptPending() }
        for entry in descriptors[fixed...] where entry.revents != 0 {
            if draining[entry.fd] != nil {
                drain(entry.fd)
            } else {
                receive(from: entry.fd)
            }
        }
    }

    private func acceptPending() {
        while true {
            guard let descriptor = Socket.acceptConnection(listener, writeTimeout: limits.writeTimeout) else {
                switch errno {
                case EINTR, ECONNABORTED: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors: stop polling the listener for a moment instead of spinning.
                    acceptPausedUntil = ContinuousClock.now + .milliseconds(100)
                default: break
                }
                return
            }
            let open = waiting.count + draining.count + lock.withLock { withWorkers }
            if open >= limits.maximumConnections {
                // Over the limit, not even a drain: the connection closes at once.
                sendRefusal(descriptor, status: 503, reason: "too many connections", headers: [("Retry-After", "1")])
                Socket.finish(descriptor)
                continue
            }
            accepted += 1
            waiting[descriptor] = Waiting(
                descriptor: descriptor, number: accepted, parser: RequestParser(limits: limits),
                deadline: ContinuousClock.now + limits.idleTimeout
            )
        }
    }

    private func receive(from descriptor: Int32) {
        guard var connection = waiting[descriptor] else { return }
        let wasIdle = !connection.receivingRequest
        guard Socket.receiveAvailable(descriptor, into: &connection.buffer, scratch: &scratch) else {
            waiting[descriptor] = nil
            close(descriptor)
            return
        }
        if wasIdle, connection.receivingRequest {
            connection.deadline = ContinuousClock.now + limits.requestTimeout
        }
        waiting[descriptor] = nil
        handleBuffer(connection)
    }

    /// Acts on what a connection's buffer holds: waits for more, hands a request to a worker,
    /// or refuses and closes.
    private func handleBuffer(_ connection: Waiting) {
        var connection = connection
        switch connection.parser.parse(connection.buffer[...]) {
        case let .incomplete(expectsContinue):
            if expectsContinue, !connection.sentContinue {
                connection.sentContinue = true
                Socket.sendAll(connection.descriptor, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), blocking: false)
            }
            waiting[connection.descriptor] = connection
        case let .request(parsed, length):
            connection.buffer.removeFirst(length)
            dispatch(parsed, on: connection)
        case let .refused(refusal):
            refuse(connection.descriptor, status: refusal.status, reason: refusal.reason)
        }
    }

    /// A connection back from a worker: the next request may already be in its buffer.
    private func resume(_ connection: Waiting) {
        var connection = connection
        connection.parser.reset()
        connection.sentContinue = false
        connection.deadline = ContinuousClock.now + (connection.receivingRequest ? limits.requestTimeout : limits.idleTimeout)
        if connection.receivingRequest {
            handleBuffer(connection)
        } else {
            waiting[connection.descriptor] = connection
        }
    }

    private func expireDeadlines() {
        let now = ContinuousClock.now
        for (descriptor, deadline) in draining where deadline <= now {
            draining[descriptor] = nil
            close(descriptor)
        }
        for connection in waiting.values where connection.deadline <= now {
            waiting[connection.descriptor] = nil
            if connection.receivingRequest {
                refuse(connection.descriptor, status: 408, reason: "the request did not arrive within \(limits.requestTimeout)")
            } else {
                close(connection.descriptor)
            }
        }
    }

    /// Answers with a refusal, then drains the connection until it closes.
    private func refuse(_ descriptor: Int32, status: Int, reason: String) {
        sendRefusal(descriptor, status: status, reason: reason)
        shutdown(descriptor, Int32(SHUT_WR))
        draining[descriptor] = ContinuousClock.now + .seconds(1)
    }

    /// Writes a refusal (`Connection: close`) as far as the socket takes it without waiting.
    private func sendRefusal(_ descriptor: Int32, status: Int, reason: String, headers: [(name: String, value: String)] = []) {
        let response = ResponseWriter.refusal(status: status, reason: reason, headers: headers)
        Socket.sendAll(descriptor, ResponseWriter.bytes(for: response, keepAlive: false, requestMethod: nil), blocking: false)
    }

    /// Reads and drops what a refused client still sends; closes once it stops.
    private func drain(_ descriptor: Int32) {
        if Socket.receive(descriptor, into: &scratch) == nil {
            draining[descriptor] = nil
            close(descriptor)
        }
    }

    // MARK: - Workers

    private func dispatch(_ parsed: ParsedRequest, on connection: Waiting) {
        var connection = connection
        connection.served += 1
        let keepAlive = parsed.keepAlive && connection.served < limits.maximumRequestsPerConnection
        lock.withLock { withWorkers += 1 }
        let handler = self.handler
        var request = parsed.request
        request.connection = connection.number
        pool.submit { [self, connection, request] in
            let response = handler(request)
            let keep = keepAlive && !ResponseWriter.asksToClose(response)
            if ResponseWriter.send(response, to: connection.descriptor, keepAlive: keep, requestMethod: request.method), keep {
                giveBack(connection)
            } else {
                Socket.finish(connection.descriptor)
                lock.withLock { withWorkers -= 1 }
            }
        }
    }

    /// Returns a keep-alive connection to the loop (or closes it when the server stops).
    private func giveBack(_ connection: Waiting) {
        let accepted = lock.withLock {
            if stopping {
                withWorkers -= 1
                return false
            }
            returned.append(connection)
            signalLoop()
            return true
        }
        if !accepted { Socket.finish(connection.descriptor) }
    }

    /// Wakes the loop from `poll`; called under `lock`, so never after the pipe is closed.
    private func signalLoop() {
        guard !wakeClosed else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    private func drainWake() {
        while scratch.withUnsafeMutableBytes({ read(wake.read, $0.baseAddress, $0.count) }) > 0 {}
    }
}
