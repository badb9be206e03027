import Foundation

/// A response body that arrives in chunks, for bodies too large to hold whole (an invoice PDF).
///
/// The chunks are `Data`, as URLSession delivers them and `FileHandle` writes them: passing
/// them on costs no copy. A body is meant to be iterated once; what a transport streams it
/// delivers once, so a second iteration finds the chunks already taken.
///
/// Cancelling the task that iterates, or dropping the body and its iterators before the end,
/// cancels the transfer behind it.
public struct ResponseBodyStream: AsyncSequence, Sendable {
    public typealias Element = Data

    private let makeIterator: @Sendable () -> AsyncIterator
    /// A transport's own way to write the chunks not yet taken to a file, if it has one.
    private let writeToFile: (@Sendable (FileHandle) async throws -> Int)?

    /// A body of one chunk, `data` (no chunk when it is empty): what a transport that reads
    /// bodies whole streams.
    public init(_ data: Data) {
        makeIterator = {
            var pending = data.isEmpty ? nil : data
            return AsyncIterator {
                defer { pending = nil }
                return pending
            }
        }
        writeToFile = nil
    }

    /// A body whose chunks are those of `chunks`, for a transport that streams its own way.
    public init<Chunks: AsyncSequence & Sendable>(_ chunks: Chunks) where Chunks.Element == Data {
        makeIterator = {
            var iterator = chunks.makeAsyncIterator()
            return AsyncIterator { try await iterator.next() }
        }
        writeToFile = nil
    }

    /// The body of a streamed transfer, which writes itself to a file from the session.
    init(_ chunks: StreamedChunks) {
        makeIterator = {
            let iterator = chunks.makeAsyncIterator()
            return AsyncIterator { try await iterator.next() }
        }
        writeToFile = { handle in try await chunks.write(to: handle) }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        makeIterator()
    }

    /// Reads the chunks of an ``ResponseBodyStream`` in order.
    public struct AsyncIterator: AsyncIteratorProtocol {
        private let nextChunk: () async throws -> Data?

        fileprivate init(_ nextChunk: @escaping () async throws -> Data?) {
            self.nextChunk = nextChunk
        }

        /// The next chunk, or nil at the end of the body.
        /// - Throws: when the transfer fails or is cancelled before the end.
        public mutating func next() async throws -> Data? {
            try await nextChunk()
        }
    }

    /// The whole body, for a small one such as the JSON error of a failed download.
    /// - Parameter limit: The most bytes accepted; reading stops past it.
    /// - Throws: ``HTTPTransportError/responseTooLarge(limit:)`` when the body passes `limit`,
    ///   and whatever the transfer throws.
    public func collect(upTo limit: Int) async throws -> Data {
        var data = Data()
        for try await chunk in self {
            guard chunk.count <= limit - data.count else { throw HTTPTransportError.responseTooLarge(limit: limit) }
            data.append(chunk)
        }
        return data
    }

    /// Writes the body to `fileURL` chunk by chunk, so it never is in memory whole.
    ///
    /// The file is created, or emptied when it exists. When the transfer fails the file is
    /// removed, so that a truncated download is never taken for a complete one.
    /// - Returns: The number of bytes written.
    /// - Throws: when the file cannot be created or written, and whatever the transfer throws.
    @discardableResult
    public func write(to fileURL: URL) async throws -> Int {
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
        let handle = try FileHandle(forWritingTo: fileURL)
        var written = 0
        do {
            if let writeToFile {
                written = try await writeToFile(handle)
            } else {
                for try await chunk in self {
                    try handle.write(contentsOf: chunk)
                    written += chunk.count
                }
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: fileURL)
            throw error
        }
        return written
    }
}
