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
        let buffer = ChunkBuffer(control: DataTaskControl(task: task, queue: control))
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

/// Starts and cancels a URLSession data task on the streamer's control queue.
private struct DataTaskControl: TransferControl {
    let task: URLSessionDataTask
    let queue: DispatchQueue

    func start() { queue.async { [task] in task.resume() } }
    func cancel() { queue.async { [task] in task.cancel() } }
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
