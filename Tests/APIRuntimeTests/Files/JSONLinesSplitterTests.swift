import APIRuntime
import Foundation
import Testing

/// Lines out of bytes that arrive in chunks: whole however the chunks cut them, line breaks
/// `\n` or `\r\n`, blank lines skipped, bytes untouched, and memory bounded by a line limit.
@Suite("JSON Lines splitter")
struct JSONLinesSplitterTests {
    /// The lines of `bytes` fed in chunks of `size`, as text.
    private static func lines(_ bytes: [UInt8], chunkSize size: Int, limit: Int = JSONLinesSplitter.defaultMaximumLineLength) throws(FileError) -> [String] {
        var splitter = JSONLinesSplitter(maximumLineLength: limit)
        var lines: [String] = []
        for chunk in GzipTestData.chunks(bytes, size: size) {
            splitter.feed(chunk)
            while let line = try splitter.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        }
        while let line = try splitter.finish() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    private static func lines(_ text: String, chunkSize: Int, limit: Int = JSONLinesSplitter.defaultMaximumLineLength) throws(FileError) -> [String] {
        try lines(Array(text.utf8), chunkSize: chunkSize, limit: limit)
    }

    @Test func linesCutByChunksAtEveryPositionComeOutWhole() throws {
        let text = "{\"a\":1}\n{\"b\":[2,3]}\r\n\n{\"c\":\"x y\"}\n"
        for size in 1...text.utf8.count {
            #expect(try Self.lines(text, chunkSize: size) == [#"{"a":1}"#, #"{"b":[2,3]}"#, #"{"c":"x y"}"#], "chunks of \(size)")
        }
    }

    @Test func crlfLineBreaksAreDroppedWhole() throws {
        #expect(try Self.lines("a\r\nb\r\n", chunkSize: 1) == ["a", "b"])
        // A `\r` elsewhere is the line's.
        #expect(try Self.lines("a\rb\r\n", chunkSize: 2) == ["a\rb"])
    }

    @Test(arguments: [1, 3, 100])
    func blankLinesAreSkipped(chunkSize: Int) throws {
        #expect(try Self.lines("\n\r\n  \t\r\n{}\n\n \n{ }\n\r\n", chunkSize: chunkSize) == ["{}", "{ }"])
    }

    @Test(arguments: [1, 4, 100])
    func lastLineWithoutLineBreakComesFromFinish(chunkSize: Int) throws {
        #expect(try Self.lines("{}\n{\"last\":true}", chunkSize: chunkSize) == ["{}", #"{"last":true}"#])
        #expect(try Self.lines("{}\n{\"last\":true}\r", chunkSize: chunkSize) == ["{}", #"{"last":true}"#])
        #expect(try Self.lines("{}\n   ", chunkSize: chunkSize) == ["{}"])
    }

    @Test func finishReturnsNothingAfterAFinalLineBreak() throws {
        var splitter = JSONLinesSplitter()
        splitter.feed(Array("{}\n".utf8))
        #expect(try splitter.nextLine() == Array("{}".utf8)[...])
        #expect(try splitter.nextLine() == nil)
        #expect(try splitter.finish() == nil)
    }

    @Test func numbersAndOtherBytesComeOutIdentical() throws {
        let line = #"{"amount":36.0000,"rate":1E+2,"neg":-0.0,"é":"\u00e9 ✓"}"#
        let bytes = Array((line + "\n" + line).utf8)
        for size in [1, 7, bytes.count] {
            var splitter = JSONLinesSplitter()
            var found: [[UInt8]] = []
            for chunk in GzipTestData.chunks(bytes, size: size) {
                splitter.feed(chunk)
                while let next = try splitter.nextLine() { found.append(Array(next)) }
            }
            while let next = try splitter.finish() { found.append(Array(next)) }
            #expect(found == [Array(line.utf8), Array(line.utf8)])
        }
    }

    @Test func lineAtTheLimitIsAcceptedAndOneByteMoreIsNot() throws {
        let atLimit = String(repeating: "x", count: 10)
        #expect(try Self.lines(atLimit + "\r\n" + atLimit + "\n" + atLimit, chunkSize: 3, limit: 10) == [atLimit, atLimit, atLimit])
        for text in [atLimit + "y\n", "{}\n" + atLimit + "y", atLimit + "\ry\n", String(repeating: " ", count: 11) + "\n"] {
            #expect(throws: FileError.lineTooLong(limit: 10), "\(text.debugDescription)") { try Self.lines(text, chunkSize: 4, limit: 10) }
        }
    }

    @Test func lineTooLongIsThrownBeforeItsEndArrives() throws {
        var splitter = JSONLinesSplitter(maximumLineLength: 1_000)
        splitter.feed(Array("{}\n".utf8))
        #expect(try splitter.nextLine() == Array("{}".utf8)[...])
        let piece = [UInt8](repeating: UInt8(ascii: "x"), count: 300)
        for _ in 0..<3 {
            splitter.feed(piece)
            #expect(try splitter.nextLine() == nil)
        }
        splitter.feed(piece)
        #expect(throws: FileError.lineTooLong(limit: 1_000)) { try splitter.nextLine() }
        splitter.feed(Array("\n{}\n".utf8))
        #expect(throws: FileError.lineTooLong(limit: 1_000)) { try splitter.nextLine() }
    }

    @Test func gzipRecordsSplitIntoTheirLines() throws {
        let records = GzipTestData.records(500)
        let compressed = GzipTestData.gzipMembers([Array(records[..<100_000]), Array(records[100_000...])])
        var decoder = GzipStreamDecoder()
        var splitter = JSONLinesSplitter()
        var count = 0
        for chunk in GzipTestData.chunks(compressed, size: 4_096) {
            decoder.feed(chunk)
            while let bytes = try decoder.nextOutput() {
                splitter.feed(bytes)
                while let line = try splitter.nextLine() {
                    #expect(line.first == UInt8(ascii: "{") && line.last == UInt8(ascii: "}"))
                    #expect(try JSONParser.parse(line)["id"] == .string(String(count)))
                    count += 1
                }
            }
        }
        try decoder.finish()
        #expect(try splitter.finish() == nil)
        #expect(count == 500)
    }

    /// Each line's number counts the blank lines before it, whatever the chunks: the line an
    /// editor shows.
    @Test func eachLineKnowsItsNumberBlankLinesCounted() throws {
        let text = "{\"a\":1}\n\n  \r\n{\"b\":2}\r\n\n{\"c\":3}"
        for size in 1...text.utf8.count {
            var splitter = JSONLinesSplitter()
            var numbers: [Int] = []
            for chunk in stride(from: 0, to: text.utf8.count, by: size).map({ Array(text.utf8).dropFirst($0).prefix(size) }) {
                splitter.feed(Array(chunk))
                while try splitter.nextLine() != nil { numbers.append(splitter.lineNumber) }
            }
            if try splitter.finish() != nil { numbers.append(splitter.lineNumber) }
            #expect(numbers == [1, 4, 6], "chunks of \(size)")
        }
    }
}
