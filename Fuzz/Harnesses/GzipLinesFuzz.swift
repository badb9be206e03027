// libFuzzer target `gzip-lines`: any bytes, arriving in chunks of any sizes, through
// `GzipStreamDecoder` and `JSONLinesSplitter` as an export file is read; and the same bytes
// gzipped by zlib's deflate, whole and cut short. Built and run by scripts/fuzz; see Fuzzing.md.
//
// Input: the first byte sets the chunk sizes (a sequence of 1 to 64 bytes drawn from it) and
// the splitter's line limit (1 to 32 bytes); the rest is the file's bytes.

import CZlib
import Foundation
import APIRuntime

/// Stops the run with `message` when `condition` is false (the message survives `-O`).
private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property violated: \(message())") }
}

/// `bytes` cut into chunks whose sizes (1 to 64) follow a sequence seeded with `seed`.
private func chunks(_ bytes: [UInt8], seed: UInt8) -> [ArraySlice<UInt8>] {
    var state = UInt32(seed) &* 2_654_435_761 | 1
    var result: [ArraySlice<UInt8>] = []
    var start = 0
    while start < bytes.count {
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        let end = min(bytes.count, start + 1 + Int(state % 64))
        result.append(bytes[start..<end])
        start = end
    }
    return result
}

/// What the decoder makes of `chunks`: its output, and its error if it threw one.
private func decode(_ chunks: [ArraySlice<UInt8>]) -> (output: [UInt8], error: FileError?) {
    var decoder = GzipStreamDecoder()
    var output: [UInt8] = []
    do throws(FileError) {
        for chunk in chunks {
            decoder.feed(chunk)
            while let bytes = try decoder.nextOutput() {
                check(!bytes.isEmpty, "an empty output")
                output += bytes
            }
        }
        try decoder.finish()
        return (output, nil)
    } catch {
        return (output, error)
    }
}

/// The lines of `chunks` as `JSONLinesSplitter` gives them, and its error if it threw one.
private func split(_ chunks: [ArraySlice<UInt8>], limit: Int) -> (lines: [[UInt8]], error: FileError?) {
    var splitter = JSONLinesSplitter(maximumLineLength: limit)
    var lines: [[UInt8]] = []
    do throws(FileError) {
        for chunk in chunks {
            splitter.feed(chunk)
            while let line = try splitter.nextLine() { lines.append(Array(line)) }
        }
        while let line = try splitter.finish() { lines.append(Array(line)) }
        return (lines, nil)
    } catch {
        return (lines, error)
    }
}

/// The splitter's rules, written plainly: lines end at `\n`, one `\r` before it (or at the
/// end) goes too, a line over `limit` stops everything, blank lines are skipped.
private func referenceSplit(_ bytes: [UInt8], limit: Int) -> (lines: [[UInt8]], error: FileError?) {
    var lines: [[UInt8]] = []
    for var line in bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init) {
        if line.last == 13 { line.removeLast() }
        if line.count > limit { return (lines, .lineTooLong(limit: limit)) }
        if !line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { lines.append(line) }
    }
    return (lines, nil)
}

/// `parts` gzipped one member each by zlib's deflate, and where each member ends.
private func gzip(_ parts: [[UInt8]]) -> (bytes: [UInt8], ends: [Int]) {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    for part in parts {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        check(czlib_deflate_init_gzip(stream, 6) == Z_OK, "deflateInit2 failed")
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(part.count))) + 64)
        var input = part
        let status = input.withUnsafeMutableBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.pointee.next_in = input.baseAddress
                stream.pointee.avail_in = UInt32(input.count)
                stream.pointee.next_out = output.baseAddress
                stream.pointee.avail_out = UInt32(output.count)
                return deflate(stream, Z_FINISH)
            }
        }
        check(status == Z_STREAM_END, "deflate returned \(status)")
        bytes += output[..<(output.count - Int(stream.pointee.avail_out))]
        ends.append(bytes.count)
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
    return (bytes, ends)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let seed = data[0]
    let limit = 1 + Int(seed % 32)
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))

    // The bytes as they are: gzip or plain, in chunks and whole, give the same outcome (but
    // for how much output came before an error: that depends on where the chunks end).
    let chunked = decode(chunks(bytes, seed: seed))
    let whole = decode([bytes[...]])
    let sameOutput = whole.error == nil ? chunked.output == whole.output
        : chunked.output.starts(with: whole.output) || whole.output.starts(with: chunked.output)
    check(sameOutput && chunked.error == whole.error,
          "chunked: \(chunked.output.count) bytes, \(String(describing: chunked.error)); whole: \(whole.output.count) bytes, \(String(describing: whole.error))")
    if bytes == [0x1F] {
        check(whole.error == .truncated(bytesDecoded: 0), "a lone 1f: \(String(describing: whole.error))")
    } else if !bytes.starts(with: [0x1F, 0x8B]) {
        check(whole.error == nil && whole.output == bytes, "plain bytes changed")
    }
    if case .truncated(let decoded)? = whole.error { check(decoded == whole.output.count, "truncated after \(decoded), output \(whole.output.count)") }

    // Lines: the splitter agrees with the plain rules however the chunks fall.
    let lines = split(chunks(whole.output, seed: seed &+ 1), limit: limit)
    let reference = referenceSplit(whole.output, limit: limit)
    check(lines.lines == reference.lines && lines.error == reference.error,
          "lines \(lines.lines.count), \(String(describing: lines.error)); reference \(reference.lines.count), \(String(describing: reference.error))")

    // The bytes gzipped (as two members when there are two bytes or more): back whole, and
    // cut anywhere but at a member's end, truncated with a prefix of them.
    let middle = bytes.count / 2
    let parts = bytes.count < 2 ? [bytes] : [Array(bytes[..<middle]), Array(bytes[middle...])]
    let compressed = gzip(parts)
    let roundTrip = decode(chunks(compressed.bytes, seed: seed))
    check(roundTrip.error == nil && roundTrip.output == bytes, "round trip: \(String(describing: roundTrip.error)), \(roundTrip.output.count) of \(bytes.count) bytes")
    let cut = 1 + (Int(seed) * 7_919 + bytes.count) % max(1, compressed.bytes.count - 1)
    if cut < compressed.bytes.count && !compressed.ends.contains(cut) {
        let cutShort = decode(chunks(Array(compressed.bytes[..<cut]), seed: seed))
        check(cutShort.error == .truncated(bytesDecoded: cutShort.output.count), "cut at \(cut) of \(compressed.bytes.count): \(String(describing: cutShort.error))")
        check(bytes.starts(with: cutShort.output), "cut short, the output is not a prefix")
    }
    return 0
}
