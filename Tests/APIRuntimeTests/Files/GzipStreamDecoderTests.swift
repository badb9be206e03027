import APIRuntime
import Foundation
import Testing

/// Gzip decompressed as chunks arrive: whole streams come back byte for byte however they are
/// cut, plain bytes pass through, and a stream cut short or corrupted is an error, never a
/// short result.
@Suite("Gzip stream decoder")
struct GzipStreamDecoderTests {
    private static let parts: [[UInt8]] = [
        Array(#"{"id":1,"amount":36.0000}"#.utf8) + [10],
        Array(repeating: UInt8(ascii: "a"), count: 300) + [10],
        Array(#"{"id":3,"rate":1E+2}"#.utf8),
    ]
    private static let plain = parts.flatMap { $0 }
    private static let compressed = GzipTestData.gzipMembers(parts)

    @Test func concatenatedMembersFedOneByteAtATime() throws {
        let output = try GzipTestData.decode(GzipTestData.chunks(Self.compressed, size: 1))
        #expect(output == Self.plain)
    }

    @Test func concatenatedMembersCutInTwoAtEveryByte() throws {
        for cut in 0...Self.compressed.count {
            let chunks = [Self.compressed[..<cut], Self.compressed[cut...]]
            #expect(try GzipTestData.decode(chunks) == Self.plain, "cut at \(cut)")
        }
    }

    @Test func twentyMegabytesIn64KiBChunksComeOutInBoundedSteps() throws {
        let records = GzipTestData.records(21_000)
        #expect(records.count > 20_000_000)
        let quarter = records.count / 4
        let members = (0..<4).map { Array(records[($0 * quarter)..<($0 == 3 ? records.count : ($0 + 1) * quarter)]) }
        let compressed = GzipTestData.gzipMembers(members)
        var decoder = GzipStreamDecoder(input: .gzip)
        var offset = 0
        var matches = true
        for chunk in GzipTestData.chunks(compressed, size: 64 * 1024) {
            decoder.feed(chunk)
            while let bytes = try decoder.nextOutput() {
                #expect(bytes.count <= GzipStreamDecoder.outputStep)
                matches = matches && Self.bytes(bytes, equal: records, at: offset)
                offset += bytes.count
            }
        }
        try decoder.finish()
        #expect(matches)
        #expect(offset == records.count)
    }

    /// Whether `piece` is the bytes of `whole` at `offset` (`memcmp`: fast in a debug build).
    private static func bytes(_ piece: ArraySlice<UInt8>, equal whole: [UInt8], at offset: Int) -> Bool {
        guard offset + piece.count <= whole.count else { return false }
        return piece.withUnsafeBytes { piece in
            whole.withUnsafeBytes { whole in
                guard let start = piece.baseAddress, let base = whole.baseAddress else { return piece.isEmpty }
                return memcmp(start, base + offset, piece.count) == 0
            }
        }
    }

    @Test func aCopyContinuesOnItsOwn() throws {
        var original = GzipStreamDecoder()
        let half = Self.compressed.count / 2
        let before = try original.decode(Self.compressed[..<half])
        var copy = original
        let rest = Self.compressed[half...]
        let fromCopy = try copy.decode(rest)
        try copy.finish()
        let fromOriginal = try original.decode(rest)
        try original.finish()
        #expect(before + fromCopy == Self.plain)
        #expect(before + fromOriginal == Self.plain)
    }

    @Test(arguments: [1, 2, 7, 1_000])
    func plainBytesPassThroughUnchanged(chunkSize: Int) throws {
        let plain = GzipTestData.records(3)
        #expect(try GzipTestData.decode(GzipTestData.chunks(plain, size: chunkSize)) == plain)
    }

    @Test func magicSplitAcrossChunksIsRecognised() throws {
        let chunks = [Self.compressed[..<1], Self.compressed[1..<2], Self.compressed[2...]]
        #expect(try GzipTestData.decode(chunks) == Self.plain)
    }

    @Test func firstByteOfMagicAloneFollowedByOtherBytesIsPlain() throws {
        let bytes: [UInt8] = [0x1F, 0x20, 0x8B, 0x0A]
        #expect(try GzipTestData.decode([bytes[..<1], bytes[1...]]) == bytes)
    }

    @Test func emptyInputIsAnEmptyPlainStream() throws {
        #expect(try GzipTestData.decode([]) == [])
        #expect(try GzipTestData.decode([[]]) == [])
    }

    @Test func emptyInputWhenGzipIsExpectedIsTruncated() {
        #expect(throws: FileError.truncated(bytesDecoded: 0)) { try GzipTestData.decode([], input: .gzip) }
    }

    @Test func plainBytesWhenGzipIsExpectedAreCorrupt() {
        #expect {
            try GzipTestData.decode([Self.plain[...]], input: .gzip)
        } throws: { error in
            guard case .corrupt(let message) = error as? FileError else { return false }
            return message.contains("header")
        }
    }

    @Test func loneFirstByteOfMagicIsTruncated() {
        #expect(throws: FileError.truncated(bytesDecoded: 0)) { try GzipTestData.decode([[0x1F]]) }
    }

    /// Cuts in the first member's header, data and trailer, and in the last member's: the
    /// output so far is never returned as the whole.
    @Test func streamCutShortIsTruncated() throws {
        let last = Self.compressed.count - GzipTestData.gzip(Self.parts[2]).count
        let cuts = [2, 3, 9, 12, 20, last - 8, last - 5, last - 1, last + 1, last + 10, last + 25, Self.compressed.count - 8, Self.compressed.count - 4, Self.compressed.count - 1]
        for cut in cuts {
            let bytes = Array(Self.compressed[..<cut])
            for size in [1, 5, bytes.count] {
                var decoder = GzipStreamDecoder()
                var output: [UInt8] = []
                for chunk in GzipTestData.chunks(bytes, size: size) {
                    decoder.feed(chunk)
                    while let piece = try decoder.nextOutput() { output += piece }
                }
                #expect(throws: FileError.truncated(bytesDecoded: output.count), "cut at \(cut) of \(Self.compressed.count), chunks of \(size)") {
                    try decoder.finish()
                }
                #expect(Self.plain.starts(with: output))
            }
        }
    }

    @Test func wrongCRCIsCorrupt() {
        var bytes = GzipTestData.gzip(Self.plain)
        bytes[bytes.count - 8] ^= 0x01
        #expect(throws: FileError.corrupt("incorrect data check")) { try GzipTestData.decode([bytes[...]]) }
    }

    @Test func wrongLengthIsCorrupt() {
        var bytes = GzipTestData.gzip(Self.plain)
        bytes[bytes.count - 4] ^= 0x01
        #expect(throws: FileError.corrupt("incorrect length check")) { try GzipTestData.decode([bytes[...]]) }
    }

    @Test func corruptDataInEveryPositionIsNeverAcceptedWithWrongContent() {
        let bytes = GzipTestData.gzip(GzipTestData.records(2))
        // Past the 10-byte header (whose flags and time a flip may change harmlessly).
        for position in 10..<bytes.count {
            var corrupted = bytes
            corrupted[position] ^= 0x5A
            if let output = try? GzipTestData.decode(GzipTestData.chunks(corrupted, size: 97)), output != GzipTestData.records(2) {
                Issue.record("flipped byte \(position) accepted, \(output.count) bytes")
            }
        }
    }

    @Test func bytesAfterAMemberThatAreNotGzipAreCorrupt() {
        let bytes = GzipTestData.gzip(Self.plain) + Array("trailing".utf8)
        #expect(throws: FileError.self) { try GzipTestData.decode([bytes[...]]) }
    }

    @Test func anErrorIsThrownAgainOnEveryCall() throws {
        var bytes = GzipTestData.gzip(Self.plain)
        bytes[bytes.count - 8] ^= 0x01
        var decoder = GzipStreamDecoder()
        decoder.feed(bytes)
        #expect(throws: FileError.corrupt("incorrect data check")) { while try decoder.nextOutput() != nil {} }
        #expect(throws: FileError.corrupt("incorrect data check")) { try decoder.nextOutput() }
        #expect(throws: FileError.corrupt("incorrect data check")) { try decoder.finish() }
    }

    @Test func errorsDescribeThemselves() {
        #expect(FileError.truncated(bytesDecoded: 12).description.contains("incomplete"))
        #expect(FileError.corrupt("incorrect data check").description == "corrupt gzip data: incorrect data check")
        #expect(FileError.lineTooLong(limit: 10).description == "a line is longer than 10 bytes")
    }
}
