@testable import APIRuntime
import Foundation
import TestSupport
import Testing

/// The temporary file behind a streamed body's reader who is behind: bytes come back in order,
/// whether written to the file yet or not, and the file empties once drained.
@Suite("Spill file")
struct SpillFileTests {
    @Test func bytesComeBackInOrderAcrossFileAndPendingBytes() throws {
        let pattern = BodyPattern(length: 3 * SpillFile.writeSize + 12_345)
        let spill = try SpillFile()
        var offset = 0
        while let chunk = pattern.chunk(at: offset) {
            try spill.append(chunk)
            offset += chunk.count
        }
        #expect(!spill.isDrained)
        var read = Data()
        while !spill.isDrained {
            let piece = try spill.readNext(upTo: 100_000)
            #expect(!piece.isEmpty)
            read.append(piece)
        }
        #expect(read.count == pattern.length)
        #expect(pattern.matches(read, at: 0))
    }

    @Test func drainedFileTakesNewBytesFromTheStart() throws {
        let spill = try SpillFile()
        try spill.append(Data(repeating: 1, count: SpillFile.writeSize))
        #expect(try spill.readNext(upTo: SpillFile.writeSize) == Data(repeating: 1, count: SpillFile.writeSize))
        #expect(spill.isDrained)
        try spill.append(Data([2, 3]))
        #expect(try spill.readNext(upTo: 10) == Data([2, 3]))
        #expect(spill.isDrained)
    }
}
