import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Starts and cancels the transfer behind a ``ChunkBuffer``.
protocol TransferControl: Sendable {
    /// Starts the transfer (once, when the consumer first waits for the head).
    func start()
    /// Cancels the transfer; a no-op once it has ended.
    func cancel()
}

/// One streamed transfer's response and the chunks of its body that the consumer has not taken.
///
/// Memory is bounded in one of two ways, chosen by the producer of each chunk
/// (``receive(_:waitingForRoom:)``):
/// - A transfer on a thread of its own (``CurlTransfer``) waits for room: while the consumer
///   is ``memoryLimit`` bytes behind, its thread reads no further, which holds the server back.
/// - A URLSession task cannot be paused on FoundationNetworking: its `URLSessionTask.suspend()`
///   stops a transfer mid-body, but `resume()` starts the request over, and blocking the
///   delegate queue stops nothing (the session queues every chunk for it).
///   So up to ``memoryLimit`` bytes wait in memory; past that, chunks wait in a ``SpillFile``
///   until the consumer has caught up.
///
/// A waiting consumer gets each chunk handed over. A consumer that wants the body in a file
/// hands the buffer its file instead (``write(to:)``): the producer then writes each chunk
/// there as it arrives, which keeps up with a transfer at memory speed where handing chunks
/// to a task does not.
final class ChunkBuffer: @unchecked Sendable {
    /// The most body bytes held in memory for a consumer that is behind.
    static let memoryLimit = 4 << 20
    /// The most bytes read back from the spill file at a time.
    static let spillReadSize = 256 << 10

    private let control: any TransferControl
    /// Guards everything below; a producer waiting for room waits on it.
    private let lock = NSCondition()
    private var started = false
    private var response: URLResponse?
    private var chunks: [Data] = []
    private var next = 0
    private var buffered = 0
    private var spill: SpillFile?
    /// How the transfer ended: completed, failed or cancelled; nil while it runs.
    private var end: Result<Void, any Error>?
    private var headWaiter: CheckedContinuation<URLResponse, any Error>?
    private var chunkWaiter: CheckedContinuation<Data?, any Error>?
    /// The file each new chunk is written to, once a consumer asked for one.
    private var sink: FileHandle?
    /// Bytes written to the file so far.
    private var sunk = 0
    private var sinkWaiter: CheckedContinuation<Int, any Error>?

    /// - Parameter control: Starts and cancels the transfer.
    init(control: any TransferControl) {
        self.control = control
    }

    // MARK: - The consumer's side

    /// Starts the task and waits for the response head.
    /// - Throws: when the task fails or is cancelled first.
    func head() async throws -> URLResponse {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let (outcome, starts) = lock.withLock { () -> (Result<URLResponse, any Error>?, Bool) in
                    if let response { return (.success(response), false) }
                    if case let .failure(error) = end { return (.failure(error), false) }
                    headWaiter = continuation
                    defer { started = true }
                    return (nil, !started)
                }
                if starts { control.start() }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    /// The next chunk of the body, waiting for it; nil at the end.
    /// - Throws: `CancellationError` when the consuming task is cancelled (the transfer is
    ///   cancelled with it), and the transfer's error when it fails before the end.
    func nextChunk() async throws -> Data? {
        if Task.isCancelled { fail(CancellationError()) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let outcome = lock.withLock { () -> Result<Data?, any Error>? in
                    let outcome = takeChunkOrEnd()
                    if outcome == nil { chunkWaiter = continuation }
                    return outcome
                }
                if case .failure = outcome { control.cancel() }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    /// Writes the rest of the body to `handle`: first what is buffered (in memory and in the
    /// spill file), then every chunk as the session delivers it.
    /// - Returns: The bytes written, once the transfer has ended.
    /// - Throws: `CancellationError` when the consuming task is cancelled (the transfer is
    ///   cancelled with it), the transfer's error, and a failed write (which cancels it).
    func write(to handle: FileHandle) async throws -> Int {
        if Task.isCancelled { fail(CancellationError()) }
        return try await withTaskCancellationHandler {
            var written = 0
            // What is buffered is written by this task, a chunk at a time outside the lock so
            // that the session's delegate can go on buffering meanwhile.
            while true {
                let taken = lock.withLock { () -> Result<Data?, any Error>? in
                    let outcome = takeChunkOrEnd()
                    if outcome == nil {
                        sink = handle
                        lock.broadcast()
                    }
                    return outcome
                }
                switch taken {
                case let .success(chunk?):
                    do {
                        try handle.write(contentsOf: chunk)
                    } catch {
                        fail(error)
                        throw error
                    }
                    written += chunk.count
                case .success(nil): return written
                case let .failure(error): throw error
                case nil:
                    // Caught up: from here on the producer writes (see `receive(_:waitingForRoom:)`).
                    return try await withCheckedThrowingContinuation { continuation in
                        let outcome = lock.withLock { () -> Result<Int, any Error>? in
                            if let end { return end.map { written + sunk } }
                            sunk += written
                            sinkWaiter = continuation
                            return nil
                        }
                        if let outcome { continuation.resume(with: outcome) }
                    }
                }
            }
        } onCancel: {
            fail(CancellationError())
        }
    }

    /// Ends the transfer with `error` (the consumer's `CancellationError`, or a spill file that
    /// failed), unless it has ended: the task is cancelled and a waiting consumer gets `error`.
    func fail(_ error: any Error) {
        let waiters = lock.withLock { () -> Waiters? in
            guard end == nil else { return nil }
            end = .failure(error)
            discardBuffered()
            return takeWaiters()
        }
        guard let waiters else { return }
        control.cancel()
        waiters.head?.resume(throwing: error)
        waiters.chunk?.resume(throwing: error)
        waiters.sink?.waiter.resume(throwing: error)
    }

    /// Under `lock`: the oldest chunk not taken, or how the transfer ended; nil while neither.
    private func takeChunkOrEnd() -> Result<Data?, any Error>? {
        if next < chunks.count {
            let chunk = chunks[next]
            next += 1
            buffered -= chunk.count
            if next == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                next = 0
            }
            lock.broadcast()
            return .success(chunk)
        }
        if let spill, !spill.isDrained {
            do {
                return .success(try spill.readNext(upTo: Self.spillReadSize))
            } catch {
                end = .failure(error)
                discardBuffered()
                return .failure(error)
            }
        }
        return end.map { $0.map { nil } }
    }

    /// Under `lock`.
    private func discardBuffered() {
        chunks.removeAll()
        next = 0
        buffered = 0
        spill = nil
        lock.broadcast()
    }

    // MARK: - The session's side

    func receive(_ response: URLResponse) {
        let waiter = lock.withLock { () -> CheckedContinuation<URLResponse, any Error>? in
            self.response = response
            defer { headWaiter = nil }
            return headWaiter
        }
        waiter?.resume(returning: response)
    }

    /// Takes a chunk of the body.
    /// - Parameters:
    ///   - data: The chunk.
    ///   - waitingForRoom: Whether the calling thread may wait, while the consumer is
    ///     ``memoryLimit`` bytes behind, instead of the chunk going to a spill file. Only a
    ///     transfer's own thread may wait: a queue that others share must not.
    /// - Returns: Whether the transfer goes on: false once it has ended (cancelled or failed).
    @discardableResult
    func receive(_ data: Data, waitingForRoom: Bool = false) -> Bool {
        lock.lock()
        while waitingForRoom, end == nil, sink == nil, chunkWaiter == nil, buffered > 0, buffered + data.count > Self.memoryLimit {
            lock.wait()
        }
        let outcome = { () -> Result<CheckedContinuation<Data?, any Error>?, any Error>? in
            guard end == nil else { return nil }
            if let sink {
                return Result {
                    try sink.write(contentsOf: data)
                    sunk += data.count
                    return nil
                }
            }
            if let waiter = chunkWaiter {
                // Waiting means nothing is buffered: handing over keeps the order.
                chunkWaiter = nil
                return .success(waiter)
            }
            let spilling = spill.map { !$0.isDrained } ?? false
            if !spilling, buffered + data.count <= Self.memoryLimit || waitingForRoom {
                chunks.append(data)
                buffered += data.count
                return .success(nil)
            }
            return Result {
                let file = try spill ?? SpillFile()
                spill = file
                try file.append(data)
                return nil
            }
        }()
        lock.unlock()
        switch outcome {
        case nil: return false
        case let .success(waiter):
            waiter?.resume(returning: data)
            return true
        case let .failure(error):
            fail(error)
            return false
        }
    }

    func complete(_ error: (any Error)?) {
        let waiters = lock.withLock { () -> Waiters? in
            guard end == nil else { return nil }
            end = error.map { .failure($0) } ?? .success(())
            lock.broadcast()
            return takeWaiters()
        }
        guard let waiters else { return }
        // A task that completes without a response head has failed, whatever it reported.
        waiters.head?.resume(throwing: error ?? URLError(.badServerResponse))
        if let error {
            waiters.chunk?.resume(throwing: error)
            waiters.sink?.waiter.resume(throwing: error)
        } else {
            waiters.chunk?.resume(returning: nil)
            waiters.sink.map { $0.waiter.resume(returning: $0.written) }
        }
    }

    /// The consumer's waiting continuations, taken out of the buffer.
    private struct Waiters {
        var head: CheckedContinuation<URLResponse, any Error>?
        var chunk: CheckedContinuation<Data?, any Error>?
        /// A consumer waiting for the file's end, and the bytes written to it.
        var sink: (waiter: CheckedContinuation<Int, any Error>, written: Int)?
    }

    /// Under `lock`.
    private func takeWaiters() -> Waiters {
        defer {
            headWaiter = nil
            chunkWaiter = nil
            sinkWaiter = nil
        }
        return Waiters(head: headWaiter, chunk: chunkWaiter, sink: sinkWaiter.map { ($0, sunk) })
    }
}
