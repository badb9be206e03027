import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One download task of the streaming session: the file its body goes to, and the caller
/// waiting for its end.
///
/// A download task writes its body to a temporary file as it arrives, on the session's own
/// thread, so the transfer goes no faster than the disk takes it: memory stays flat however
/// fast the server sends. (A data task's chunks are queued for its delegate instead, without
/// limit.) The file then replaces the destination whole.
final class FileDownload: @unchecked Sendable {
    private let task: URLSessionDownloadTask
    private let control: DispatchQueue
    private let destination: URL
    /// The most bytes of an error status's body read back.
    private let errorBodyLimit: Int?
    private let lock = NSLock()
    private var continuation: CheckedContinuation<TransportResponse, any Error>?
    /// The response made when the body has arrived, or why none could be.
    private var outcome: Result<TransportResponse, any Error>?
    private var cancelled = false

    /// - Parameter control: The serial queue where the task is resumed and cancelled.
    init(task: URLSessionDownloadTask, destination: URL, errorBodyLimit: Int?, control: DispatchQueue) {
        self.task = task
        self.destination = destination
        self.errorBodyLimit = errorBodyLimit
        self.control = control
    }

    /// Starts the task and waits for its end.
    /// - Throws: `CancellationError` when the calling task is cancelled, the transfer's error,
    ///   and a failure to put the file in place.
    func run() async throws -> TransportResponse {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let starts = lock.withLock { () -> Bool in
                    guard !cancelled else { return false }
                    self.continuation = continuation
                    return true
                }
                // Resumed and cancelled on one serial queue: never resumed after a cancel.
                if starts { control.async { [task] in task.resume() } } else { continuation.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            lock.withLock { cancelled = true }
            control.async { [task] in task.cancel() }
        }
    }

    /// The body has arrived at `location`, a file the session removes once this returns: a
    /// success body replaces the destination, another status's body is read back.
    func finished(at location: URL) {
        let outcome = Result { () throws -> TransportResponse in
            guard let http = task.response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
            let headers = URLSessionHTTPTransport.headers(of: http)
            guard (200...299).contains(http.statusCode) else {
                return TransportResponse(status: http.statusCode, headers: headers, body: try readBack(location))
            }
            try FileReplacement.replace(destination, with: location)
            return TransportResponse(status: http.statusCode, headers: headers)
        }
        lock.withLock { self.outcome = outcome }
    }

    /// The task has ended.
    func complete(_ error: (any Error)?) {
        let (continuation, outcome, cancelled) = lock.withLock {
            defer { self.continuation = nil }
            return (self.continuation, self.outcome, self.cancelled)
        }
        // The destination is only ever replaced whole, at the end: a failed or cancelled
        // transfer leaves it as it was.
        if let error {
            continuation?.resume(throwing: cancelled ? CancellationError() : error)
        } else {
            continuation?.resume(with: outcome ?? .failure(URLError(.badServerResponse)))
        }
    }

    /// An error status's body, within the limit.
    private func readBack(_ location: URL) throws -> Data {
        let handle = try FileHandle(forReadingFrom: location)
        defer { try? handle.close() }
        let limit = errorBodyLimit ?? .max
        let data = try handle.read(upToCount: limit == .max ? .max : limit + 1) ?? Data()
        if data.count > limit { throw HTTPTransportError.responseTooLarge(limit: limit) }
        return data
    }
}
