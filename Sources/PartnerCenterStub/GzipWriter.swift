import CZlib
import Foundation

/// Compresses text into one gzip member (RFC 1952) as it is written: the stub's export blobs.
struct GzipWriter: ~Copyable {
    private let stream: UnsafeMutablePointer<z_stream>
    private(set) var output = Data()
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 64 * 1024)

    /// A writer at zlib's fastest level (export files are large, and the stub makes them on request).
    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        _ = czlib_deflate_init_gzip(stream, Z_BEST_SPEED)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        buffer.deallocate()
    }

    /// Compresses `bytes`.
    mutating func write(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
            stream.pointee.avail_in = uInt(raw.count)
            run(flush: Z_NO_FLUSH)
        }
    }

    /// Ends the member (its CRC-32 and length) and returns the whole gzip data.
    consuming func finish() -> Data {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        run(flush: Z_FINISH)
        return output
    }

    private mutating func run(flush: Int32) {
        repeat {
            stream.pointee.next_out = buffer
            stream.pointee.avail_out = 64 * 1024
            let status = deflate(stream, flush)
            output.append(buffer, count: 64 * 1024 - Int(stream.pointee.avail_out))
            if status == Z_STREAM_END || status == Z_STREAM_ERROR { return }
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH)
    }
}
