import Foundation

/// Decompresses a gzip stream (RFC 1952) as its bytes arrive, in steps of bounded size: a
/// billing export of a gigabyte goes through in the memory of one chunk and one step.
///
/// Feed each chunk with ``feed(_:)``, take the output with ``nextOutput()`` until it returns
/// `nil`, and after the last chunk call ``finish()``, which throws when the stream was cut
/// short:
///
/// ```swift
/// var decoder = GzipStreamDecoder()
/// for try await chunk in body {
///     decoder.feed(chunk)
///     while let bytes = try decoder.nextOutput() { consume(bytes) }
/// }
/// try decoder.finish()
/// ```
///
/// - A stream may hold several gzip members one after another (as `cat a.gz b.gz` makes):
///   their data is decoded as one. Any bytes after a member are read as the next member.
/// - Each member's CRC-32 and length are checked at its end: a mismatch throws
///   ``FileError/corrupt(_:)``.
/// - A stream that ends inside a member is never taken for the whole file: ``finish()``
///   throws ``FileError/truncated(bytesDecoded:)``.
/// - With ``Input/gzipOrPlain`` (the default), bytes that do not start with gzip's magic
///   number `1f 8b` are passed through as they are: a transport that has already undone
///   `Content-Encoding: gzip` hands over plain bytes. The first two bytes decide, however
///   the chunks split them.
///
/// A value type: a copy continues on its own from where the original was (zlib's state is
/// copied when one of them next decodes).
public struct GzipStreamDecoder: Sendable {
    /// What the decoder accepts.
    public enum Input: Sendable {
        /// Gzip when the bytes start with `1f 8b`, and otherwise plain bytes passed through.
        case gzipOrPlain
        /// Gzip only: other bytes are ``FileError/corrupt(_:)``, and no bytes at all are
        /// ``FileError/truncated(bytesDecoded:)``.
        case gzip
    }

    /// The most decompressed bytes ``nextOutput()`` returns at once (64 KiB).
    public static let outputStep = 64 * 1024

    private enum Phase {
        /// Fewer than two bytes seen, starting with `1f`: gzip or not is undecided.
        case detecting
        case plain
        case gzip
    }

    private var phase: Phase
    /// zlib's state, made at the first gzip byte.
    private var stream: InflateStream?
    /// Whether the current member has reached its end (its trailer checked).
    private var memberEnded = false
    /// Fed bytes; those before `inputStart` are consumed.
    private var input: [UInt8] = []
    private var inputStart = 0
    /// Where zlib writes; ``nextOutput()`` returns a slice of it.
    private var output: [UInt8] = []
    /// Whether the last inflate step filled `output`, so that zlib may hold more output.
    private var outputPending = false
    private var bytesDecoded = 0
    private var failure: FileError?

    /// A decoder for one stream.
    /// - Parameter input: Whether plain bytes are passed through (the default) or are an error.
    public init(input: Input = .gzipOrPlain) {
        phase = input == .gzip ? .gzip : .detecting
    }

    /// Adds the stream's next bytes. Take their output with ``nextOutput()`` before feeding
    /// more (bytes fed meanwhile are kept, and so is their memory).
    /// - Parameter chunk: The bytes, e.g. a `Data` chunk of a response body; they are copied.
    public mutating func feed(_ chunk: some ContiguousBytes) {
        if inputStart == input.count {
            input.removeAll(keepingCapacity: true)
            inputStart = 0
        }
        chunk.withUnsafeBytes { bytes in
            bytes.withMemoryRebound(to: UInt8.self) { input.append(contentsOf: $0) }
        }
        if phase == .detecting { detect() }
    }

    /// The next piece of output from the bytes fed so far, or `nil` when they are used up.
    ///
    /// Gzip data comes out in steps of at most ``outputStep`` bytes, plain bytes as they were
    /// fed. The slice shares the decoder's buffer: keeping it past the next call costs a copy.
    /// - Throws: ``FileError/corrupt(_:)`` for invalid gzip data or a member whose CRC-32 or
    ///   length is wrong; ``FileError/decompressorFailed(_:)`` when zlib is out of memory.
    public mutating func nextOutput() throws(FileError) -> ArraySlice<UInt8>? {
        if let failure { throw failure }
        switch phase {
        case .detecting:
            return nil
        case .plain:
            guard inputStart < input.count else { return nil }
            defer { inputStart = input.count }
            bytesDecoded += input.count - inputStart
            return input[inputStart...]
        case .gzip:
            return try inflateStep()
        }
    }

    /// Feeds `chunk` and returns all its output at once: for small inputs and tests. Its size
    /// is the chunk's times the compression ratio; ``nextOutput()`` bounds it.
    /// - Throws: As ``nextOutput()``.
    public mutating func decode(_ chunk: some ContiguousBytes) throws(FileError) -> [UInt8] {
        feed(chunk)
        var result: [UInt8] = []
        while let bytes = try nextOutput() { result.append(contentsOf: bytes) }
        return result
    }

    /// Ends the stream: checks that it was whole. Call it after the last chunk, once
    /// ``nextOutput()`` has returned `nil` (calling it with output not taken is a programming
    /// error, and traps).
    /// - Throws: ``FileError/truncated(bytesDecoded:)`` when the stream ended inside a gzip
    ///   member, or held no bytes while ``Input/gzip`` was expected; the error an earlier call
    ///   threw, if one did. A stream of the single byte `1f` is a truncated gzip stream.
    public mutating func finish() throws(FileError) {
        if let failure { throw failure }
        if phase == .detecting {
            // Nothing fed is an empty plain stream; the lone byte `1f` is gzip cut short.
            guard input.isEmpty else { throw fail(.truncated(bytesDecoded: 0)) }
            return
        }
        precondition(inputStart == input.count && !outputPending, "GzipStreamDecoder.finish() called before nextOutput() returned nil")
        if phase == .gzip && !memberEnded { throw fail(.truncated(bytesDecoded: bytesDecoded)) }
    }

    /// Decides between gzip and plain from the first two bytes, once they are here.
    private mutating func detect() {
        guard let first = input.first else { return }
        if first != 0x1F {
            phase = .plain
        } else if input.count >= 2 {
            phase = input[1] == 0x8B ? .gzip : .plain
        }
    }

    /// Inflates until some output comes, or the input is used up.
    private mutating func inflateStep() throws(FileError) -> ArraySlice<UInt8>? {
        while true {
            guard inputStart < input.count || outputPending else { return nil }
            let stream = try uniqueStream()
            if memberEnded {
                // Bytes after a member's end are the next member.
                stream.reset()
                memberEnded = false
            }
            if output.isEmpty { output = [UInt8](repeating: 0, count: Self.outputStep) }
            let start = inputStart
            let step = input.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { output in
                    stream.inflate(from: UnsafeRawBufferPointer(rebasing: input[start...]), into: output)
                }
            }
            inputStart += step.consumed
            bytesDecoded += step.produced
            outputPending = step.produced == output.count
            switch step.outcome {
            case .memberEnd:
                memberEnded = true
                outputPending = false
            case .inMember:
                break
            case .failed(let status):
                throw fail(.corrupt(stream.message(for: status)))
            }
            if step.produced > 0 { return output[..<step.produced] }
            if step.consumed == 0 && !memberEnded { return nil }
        }
    }

    /// The zlib stream, made if there is none yet, and copied first if another decoder (a
    /// copy of this one) shares it.
    private mutating func uniqueStream() throws(FileError) -> InflateStream {
        if isKnownUniquelyReferenced(&stream), let stream { return stream }
        do throws(FileError) {
            let made = if let shared = stream { try shared.copy() } else { try InflateStream() }
            stream = made
            return made
        } catch {
            throw fail(error)
        }
    }

    /// Records `error` for every later call and returns it.
    private mutating func fail(_ error: FileError) -> FileError {
        failure = error
        return error
    }
}
