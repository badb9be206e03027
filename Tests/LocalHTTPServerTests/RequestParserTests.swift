import Foundation
@testable import LocalHTTPServer
import Testing

/// The request parser alone: every byte sequence gets "need more", a request, or a refusal.
@Suite struct RequestParserTests {
    private static let limits = LocalHTTPServer.Limits(maximumHeadBytes: 1024, maximumHeaderCount: 10, maximumBodyBytes: 100)

    private static func parse(_ text: String) -> RequestParser.Outcome {
        parse(Array(text.utf8))
    }

    private static func parse(_ bytes: [UInt8]) -> RequestParser.Outcome {
        var parser = RequestParser(limits: limits)
        return parser.parse(bytes[...])
    }

    private static func refusal(_ outcome: RequestParser.Outcome) -> Int? {
        if case let .refused(refusal) = outcome { refusal.status } else { nil }
    }

    @Test func getWithHeadersIsReadWithItsLength() throws {
        let text = "GET /v1/customers?size=5 HTTP/1.1\r\nHost: x\r\nX-Locale:  en-US \r\n\r\nNEXT"
        guard case let .request(parsed, length) = Self.parse(text) else {
            Issue.record("expected a request")
            return
        }
        #expect(length == text.utf8.count - 4)
        #expect(parsed.request.method == "GET")
        #expect(parsed.request.target == "/v1/customers?size=5")
        #expect(parsed.request.header("x-locale") == "en-US")
        #expect(parsed.request.body.isEmpty)
        #expect(parsed.keepAlive)
    }

    @Test func bodyIsReadToItsContentLength() {
        guard case let .request(parsed, length) = Self.parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcdef") else {
            Issue.record("expected a request")
            return
        }
        #expect(parsed.request.body == Data("abc".utf8))
        #expect(length == 41)
    }

    @Test func bareLineFeedsEndLinesToo() {
        guard case let .request(parsed, _) = Self.parse("GET /a HTTP/1.1\nHost: x\n\n") else {
            Issue.record("expected a request")
            return
        }
        #expect(parsed.request.header("Host") == "x")
    }

    @Test func incompleteHeadOrBodyNeedsMore() {
        #expect(Self.parse("GET / HTTP/1.1\r\nHost: x\r\n") == .incomplete(expectsContinue: false))
        #expect(Self.parse("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc") == .incomplete(expectsContinue: false))
        #expect(Self.parse("POST / HTTP/1.1\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n") == .incomplete(expectsContinue: true))
    }

    @Test func headArrivingByteByByteIsFoundOnce() {
        let text = Array("GET /x HTTP/1.1\r\nHost: y\r\n\r\n".utf8)
        var parser = RequestParser(limits: Self.limits)
        for end in 1..<text.count {
            #expect(parser.parse(text[..<end]) == .incomplete(expectsContinue: false))
        }
        guard case .request = parser.parse(text[...]) else {
            Issue.record("expected a request once the last byte arrived")
            return
        }
    }

    @Test func headOfExactlyTheLimitIsAcceptedHoweverItArrives() {
        // The blank line after a head of the largest size ends past the limit: the parser
        // must not refuse the bytes before it while the blank line is still arriving.
        let line = "GET / HTTP/1.1\r\nX-Pad: "
        let head = line + String(repeating: "p", count: Self.limits.maximumHeadBytes - line.utf8.count)
        let bytes = Array((head + "\r\n\r\n").utf8)
        var parser = RequestParser(limits: Self.limits)
        for end in 1..<bytes.count {
            #expect(parser.parse(bytes[..<end]) == .incomplete(expectsContinue: false), "refused after \(end) bytes")
        }
        guard case .request = parser.parse(bytes[...]) else {
            Issue.record("a head of exactly the limit was refused")
            return
        }
    }

    @Test func connectionHeaderAndVersionDecideKeepAlive() {
        func keepAlive(_ text: String) -> Bool? {
            if case let .request(parsed, _) = Self.parse(text) { parsed.keepAlive } else { nil }
        }
        #expect(keepAlive("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.1\r\nConnection: TE, Close\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\n\r\n") == false)
        #expect(keepAlive("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") == true)
    }

    /// Requests that must be refused, with the status each gets.
    static let refused: [(String, [UInt8], Int)] = [
        ("not HTTP", Array("GARBAGE\r\n\r\n".utf8), 400),
        ("two-part request line", Array("GET /\r\n\r\n".utf8), 400),
        ("double space in the request line", Array("GET  / HTTP/1.1\r\n\r\n".utf8), 400),
        ("target without a slash", Array("GET customers HTTP/1.1\r\n\r\n".utf8), 400),
        ("unknown protocol", Array("GET / FTP/1.1\r\n\r\n".utf8), 400),
        ("HTTP/2 in HTTP/1 framing", Array("GET / HTTP/2.0\r\n\r\n".utf8), 505),
        ("negative Content-Length", Array("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n".utf8), 400),
        ("non-numeric Content-Length", Array("POST / HTTP/1.1\r\nContent-Length: ten\r\n\r\n".utf8), 400),
        ("empty Content-Length", Array("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n".utf8), 400),
        ("Content-Length with a sign", Array("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n".utf8), 400),
        ("Content-Length past Int", Array("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n".utf8), 413),
        ("Content-Length past the limit", Array("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n".utf8), 413),
        ("two different Content-Lengths", Array("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab".utf8), 400),
        ("a Content-Length list", Array("POST / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\nab".utf8), 400),
        ("chunked body", Array("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".utf8), 501),
        ("Transfer-Encoding beside Content-Length", Array("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\nx".utf8), 501),
        ("header line without a colon", Array("GET / HTTP/1.1\r\nHost\r\n\r\n".utf8), 400),
        ("folded header line", Array("GET / HTTP/1.1\r\nX-A: a\r\n  continued\r\n\r\n".utf8), 400),
        ("space before the colon", Array("GET / HTTP/1.1\r\nHost : x\r\n\r\n".utf8), 400),
        ("empty header name", Array("GET / HTTP/1.1\r\n: x\r\n\r\n".utf8), 400),
        ("NUL in a header value", Array("GET / HTTP/1.1\r\nX-A: a".utf8) + [0] + Array("b\r\n\r\n".utf8), 400),
        ("lone CR in a header value", Array("GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n".utf8), 400),
        ("invalid UTF-8 in a header", Array("GET / HTTP/1.1\r\nX-A: ".utf8) + [0xFF, 0xFE] + Array("\r\n\r\n".utf8), 400),
        ("invalid UTF-8 in the target", Array("GET /".utf8) + [0xC3, 0x28] + Array(" HTTP/1.1\r\n\r\n".utf8), 400),
        ("header flood", Array(("GET / HTTP/1.1\r\n" + (0..<11).map { "X-\($0): v\r\n" }.joined() + "\r\n").utf8), 431),
        ("oversized head", Array(("GET / HTTP/1.1\r\nX-A: " + String(repeating: "a", count: 1100) + "\r\n\r\n").utf8), 431),
        ("endless head", Array(String(repeating: "a", count: 1100).utf8), 431),
        ("empty request", Array("\r\n\r\n".utf8), 400),
    ]

    @Test(arguments: refused)
    func malformedRequestIsRefused(name: String, bytes: [UInt8], status: Int) {
        #expect(Self.refusal(Self.parse(bytes)) == status, "\(name)")
    }

    @Test func everyPrefixOfAHostileRequestIsIncompleteOrRefused() {
        // No prefix of any refused request is taken for a request (and none traps).
        for (name, bytes, _) in Self.refused {
            for end in 0..<bytes.count {
                var parser = RequestParser(limits: Self.limits)
                if case .request = parser.parse(bytes[..<end]) {
                    Issue.record("a prefix of '\(name)' parsed as a request")
                }
            }
        }
    }
}
