import APIRuntime
import CZlib
import Foundation

/// Test inputs for the file readers: gzip made with zlib's own deflate, and JSON Lines.
enum GzipTestData {
    /// `bytes` as one gzip member (zlib's deflate, windowBits 15 + 16).
    static func gzip(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        precondition(czlib_deflate_init_gzip(stream, level) == Z_OK)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.pointee.next_in = input.baseAddress
                stream.pointee.avail_in = UInt32(input.count)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = UInt32(output.count)
                return deflate(stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END)
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// `parts` compressed one member each, one after another (as `cat a.gz b.gz` makes).
    static func gzipMembers(_ parts: [[UInt8]]) -> [UInt8] {
        parts.flatMap { gzip($0) }
    }

    /// `count` JSON Lines records of about 1 KB each, numbered, each ending in `\n`.
    static func records(_ count: Int, from first: Int = 0) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 1_100)
        let padding = String(repeating: "x", count: 900)
        for index in first..<(first + count) {
            let line = #"{"id":"\#(index)","amount":36.0000,"rate":1E+2,"customer":"c-\#(index % 97)","note":"\#(padding)"}"#
            bytes.append(contentsOf: line.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    /// What the decoder makes of `chunks` fed one by one, or its error.
    static func decode(_ chunks: [ArraySlice<UInt8>], input: GzipStreamDecoder.Input = .gzipOrPlain) throws(FileError) -> [UInt8] {
        var decoder = GzipStreamDecoder(input: input)
        var output: [UInt8] = []
        for chunk in chunks {
            decoder.feed(chunk)
            while let bytes = try decoder.nextOutput() { output.append(contentsOf: bytes) }
        }
        try decoder.finish()
        return output
    }

    /// `bytes` cut into chunks of `size` bytes (the last one shorter).
    static func chunks(_ bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
        stride(from: 0, to: bytes.count, by: size).map { bytes[$0..<min($0 + size, bytes.count)] }
    }
}
