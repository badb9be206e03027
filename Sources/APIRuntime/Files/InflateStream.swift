internal import CZlib

/// zlib's inflate state for one gzip stream (RFC 1952, windowBits 15 + 16), on the heap.
///
/// zlib keeps a pointer back to its `z_stream`, so the struct must never move: it lives in
/// memory of its own, and `deinit` frees zlib's state (`inflateEnd`) and that memory, once.
///
/// `@unchecked Sendable`: its one owner, ``GzipStreamDecoder``, calls its mutating methods
/// only while holding the sole reference (`isKnownUniquelyReferenced`, else it works on a
/// ``copy()``), as the standard library's copy-on-write buffers do: a stream that two values,
/// and so two threads, can reach is never written to.
final class InflateStream: @unchecked Sendable {
    /// What one call to `inflate` did.
    struct Step {
        /// Input bytes consumed.
        var consumed: Int
        /// Output bytes written.
        var produced: Int
        var outcome: Outcome
    }

    /// How a call to `inflate` ended.
    enum Outcome: Equatable {
        /// Within a member (`Z_OK`, or `Z_BUF_ERROR`: no progress without more input).
        case inMember
        /// At the member's end, its CRC-32 and length checked (`Z_STREAM_END`).
        case memberEnd
        /// zlib's error status (e.g. `Z_DATA_ERROR`); see ``message(for:)``.
        case failed(Int32)
    }

    private let stream: UnsafeMutablePointer<z_stream>

    /// A stream ready for a gzip member's header.
    /// - Throws: ``FileError/decompressorFailed(_:)`` when zlib cannot allocate its state.
    init() throws(FileError) {
        stream = try Self.make { czlib_inflate_init_gzip($0) }
    }

    /// A stream in the same state as `other`, which continues independently.
    private init(copying other: InflateStream) throws(FileError) {
        stream = try Self.make { inflateCopy($0, other.stream) }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// An independent copy of this stream, at the same point of the same member.
    /// - Throws: ``FileError/decompressorFailed(_:)`` when zlib cannot allocate the copy.
    func copy() throws(FileError) -> InflateStream {
        try InflateStream(copying: self)
    }

    /// Makes the stream ready for the next member's header (after `Z_STREAM_END`), keeping
    /// its memory.
    func reset() {
        // Z_STREAM_ERROR only for a stream zlib never initialised, which `init` rules out.
        _ = inflateReset(stream)
    }

    /// Decompresses from `input` into `output` as far as either allows.
    func inflate(from input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> Step {
        let inputCount = UInt32(clamping: input.count)
        let outputCount = UInt32(clamping: output.count)
        // zlib reads `next_in` without writing to it; its type lacks the `const`.
        stream.pointee.next_in = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.pointee.avail_in = inputCount
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = outputCount
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let step = Step(
            consumed: Int(inputCount - stream.pointee.avail_in),
            produced: Int(outputCount - stream.pointee.avail_out),
            outcome: status == Z_STREAM_END ? .memberEnd : status == Z_OK || status == Z_BUF_ERROR ? .inMember : .failed(status)
        )
        // No pointer into the caller's buffers outlives the call.
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        stream.pointee.next_out = nil
        stream.pointee.avail_out = 0
        return step
    }

    /// zlib's message for the last error, or a fallback naming `status`.
    func message(for status: Int32) -> String {
        if let message = stream.pointee.msg { return String(cString: message) }
        return Self.describe(status)
    }

    /// A `z_stream` on the heap, set up by `initialize` (which returns zlib's status).
    private static func make(_ initialize: (UnsafeMutablePointer<z_stream>) -> Int32) throws(FileError) -> UnsafeMutablePointer<z_stream> {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = initialize(stream)
        guard status == Z_OK else {
            let message = stream.pointee.msg.map { String(cString: $0) } ?? describe(status)
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw .decompressorFailed(message)
        }
        return stream
    }

    private static func describe(_ status: Int32) -> String {
        switch status {
        case Z_MEM_ERROR: "insufficient memory"
        case Z_VERSION_ERROR: "incompatible zlib version"
        case Z_NEED_DICT: "a preset dictionary is required, which gzip does not use"
        case Z_DATA_ERROR: "invalid data"
        case Z_STREAM_ERROR: "inconsistent stream state"
        default: "zlib status \(status)"
        }
    }
}
