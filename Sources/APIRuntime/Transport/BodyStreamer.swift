import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The streaming session's delegate: hands each data task's response and body to its
/// ``ChunkBuffer``, and each download task's file to its ``FileDownload``.
final class BodyStreamer: NSObject, URLSessionDataDelegate, URLSessionDownloadDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: [Int: ChunkBuffer] = [:]
    private var downloads: [Int: FileDownload] = [:]
    /// Where tasks are resumed and cancelled, in order. FoundationNetworking's `resume()` and
    /// `cancel()` wait for the one queue all its sessions share, which a fast transfer can hold
    /// for seconds: called from Swift concurrency's few threads, they would stall every task.
    private let control = DispatchQueue(label: "URLSessionHTTPTransport.stream")

    /// A buffer for `task`, receiving its callbacks until the task completes.
    func buffer(for task: URLSessionDataTask) -> ChunkBuffer {
        let buffer = ChunkBuffer(task: task, control: control)
        lock.withLock { buffers[task.taskIdentifier] = buffer }
        return buffer
    }

    /// A download of `task`'s body to `destination`, receiving its callbacks until it completes.
    func download(for task: URLSessionDownloadTask, to destination: URL, errorBodyLimit: Int?) -> FileDownload {
        let download = FileDownload(task: task, destination: destination, errorBodyLimit: errorBodyLimit, control: control)
        lock.withLock { downloads[task.taskIdentifier] = download }
        return download
    }

    private func buffer(of task: URLSessionTask) -> ChunkBuffer? {
        lock.withLock { buffers[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
    ) {
        buffer(of: dataTask)?.receive(response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        buffer(of: dataTask)?.receive(data)
    }

    func urlSession(_ session: URLSession, downloadTask: URLSessionDownloadTask, didFinishDownloadingTo location: URL) {
        lock.withLock { downloads[downloadTask.taskIdentifier] }?.finished(at: location)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let (buffer, download) = lock.withLock {
            (buffers.removeValue(forKey: task.taskIdentifier), downloads.removeValue(forKey: task.taskIdentifier))
        }
        buffer?.complete(error)
        download?.complete(error)
    }
}

/// One streamed task's response and the chunks of its body that the consumer has not taken.
///
/// Memory is bounded without pausing the transfer, which FoundationNetworking cannot do: its
/// `URLSessionTask.suspend()` stops a transfer mid-body, but `resume()` starts the request over,
/// and blocking the delegate queue stops nothing (the session queues every chunk for it). So
/// a waiting consumer gets each chunk handed over; up to ``memoryLimit`` bytes wait in memory;
/// past that, chunks wait in a ``SpillFile`` until the consumer has caught up. A consumer that
/// wants the body in a file hands the buffer its file instead (``write(to:)``): the session's
/// delegate then writes each chunk there as it arrives, which keeps up with a transfer at
/// memory speed where handing chunks to a task does not.
final class ChunkBuffer: @unchecked Sendable {
    /// The most body bytes held in memory for a consumer that is behind.
    static let memoryLimit = 4 << 20
    /// The most bytes read back from the spill file at a time.
    static let spillReadSize = 256 << 10

    private let task: URLSessionDataTask
    private let control: DispatchQueue
    private let lock = NSLock()
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

    /// - Parameter control: The serial queue where the task is resumed and cancelled.
    init(task: URLSessionDataTask, control: DispatchQueue) {
        self.task = task
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
                if starts { control.async { [task] in task.resume() } }
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
                if case .failure = outcome { control.async { [task] in task.cancel() } }
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
                    if outcome == nil { sink = handle }
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
                    // Caught up: from here on the delegate writes (see `receive(_:)`).
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
        control.async { [task] in task.cancel() }
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

    func receive(_ data: Data) {
        let outcome = lock.withLock { () -> Result<CheckedContinuation<Data?, any Error>?, any Error> in
            guard end == nil else { return .success(nil) }
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
            if !spilling, buffered + data.count <= Self.memoryLimit {
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
        }
        switch outcome {
        case let .success(waiter): waiter?.resume(returning: data)
        case let .failure(error): fail(error)
        }
    }

    func complete(_ error: (any Error)?) {
        let waiters = lock.withLock { () -> Waiters? in
            guard end == nil else { return nil }
            end = error.map { .failure($0) } ?? .success(())
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

/// The chunks of one streamed body, as ``ResponseBodyStream`` iterates them. When the body and its
/// iterators are gone, the transfer is cancelled (a no-op once it has ended).
struct StreamedChunks: AsyncSequence, Sendable {
    typealias Element = Data

    /// Cancels the transfer when the last body or iterator holding it goes.
    final class Lifetime: Sendable {
        let buffer: ChunkBuffer

        init(_ buffer: ChunkBuffer) {
            self.buffer = buffer
        }

        deinit { buffer.fail(CancellationError()) }
    }

    let lifetime: Lifetime

    func makeAsyncIterator() -> Iterator {
        Iterator(lifetime: lifetime)
    }

    /// Writes the chunks not yet taken to `handle` (see ``ChunkBuffer/write(to:)``).
    func write(to handle: FileHandle) async throws -> Int {
        try await lifetime.buffer.write(to: handle)
    }

    struct Iterator: AsyncIteratorProtocol {
        let lifetime: Lifetime

        func next() async throws -> Data? {
            try await lifetime.buffer.nextChunk()
        }
    }
}
