import Foundation

/// Reads HTTP/1.x requests from the bytes a connection received, one at a time.
///
/// Pure: no sockets, no clock, so every byte sequence can be fed to it (the fuzz target
/// does). It never traps: whatever the bytes, the answer is "need more", a request, or a
/// refusal with the status to send. Strict where leniency is a known attack (request
/// smuggling through `Content-Length`/`Transfer-Encoding`, header folding), tolerant where
/// clients differ harmlessly (a bare LF ending a line).
struct RequestParser {
    /// What the bytes received so far hold.
    enum Outcome: Equatable {
        /// No complete request yet. `expectsContinue` is true once the head is complete and
        /// asks for `100 Continue` before the client sends its body.
        case incomplete(expectsContinue: Bool)
        /// A complete request that took the first `length` bytes; `keepAlive` tells whether the
        /// connection may carry another.
        case request(ParsedRequest, length: Int)
        /// The bytes are no acceptable request: answer `status` and close the connection.
        case refused(RequestRefusal)
    }

    let limits: LocalHTTPServer.Limits
    /// How far the search for the end of the head has looked, so that a head arriving a byte
    /// at a time is scanned once, not once per byte.
    private var scanned = 0
    /// The head once it is complete, with the offset of the body: a body that trickles in
    /// does not have its head parsed again for every piece.
    private var head: (head: ParsedHead, bodyStart: Int)?

    init(limits: LocalHTTPServer.Limits) {
        self.limits = limits
    }

    /// Forgets the request just read; the next one starts at the front of the buffer.
    mutating func reset() {
        scanned = 0
        head = nil
    }

    /// Parses the front of `bytes`, the bytes received and not yet consumed.
    mutating func parse(_ bytes: ArraySlice<UInt8>) -> Outcome {
        if self.head == nil {
            guard let (headLength, bodyStart) = findHeadEnd(bytes) else {
                // Past the limit and the longest blank line (CR LF CR LF), no head can still fit.
                return bytes.count > limits.maximumHeadBytes + 4 ? .refused(headTooLarge) : .incomplete(expectsContinue: false)
            }
            guard headLength <= limits.maximumHeadBytes else { return .refused(headTooLarge) }
            switch Self.parseHead(bytes[bytes.startIndex..<(bytes.startIndex + headLength)], limits: limits) {
            case let .success(parsed): self.head = (parsed, bodyStart)
            case let .failure(refusal): return .refused(refusal)
            }
        }
        guard let (head, bodyStart) = self.head else { return .incomplete(expectsContinue: false) }
        let available = bytes.count - bodyStart
        guard available >= head.contentLength else {
            return .incomplete(expectsContinue: head.expectsContinue)
        }
        let start = bytes.startIndex + bodyStart
        let request = HTTPServerRequest(
            method: head.method, target: head.target, headers: head.headers,
            body: Data(bytes[start..<(start + head.contentLength)])
        )
        return .request(ParsedRequest(request: request, keepAlive: head.keepAlive), length: bodyStart + head.contentLength)
    }

    private var headTooLarge: RequestRefusal {
        RequestRefusal(status: 431, reason: "the request head is larger than \(limits.maximumHeadBytes) bytes")
    }

    /// The length of the head (request line and header lines, without the blank line) and the
    /// offset of the body, once the blank line has arrived (CRLF CRLF, or bare LFs).
    private mutating func findHeadEnd(_ bytes: ArraySlice<UInt8>) -> (Int, Int)? {
        let lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        var index = bytes.startIndex + max(0, scanned - 2)
        while index < bytes.endIndex {
            if bytes[index] == lineFeed {
                // The head ends before the last line's break (CR LF or LF).
                let headEnd = index > bytes.startIndex && bytes[index - 1] == carriageReturn ? index - 1 : index
                let next = index + 1
                if next < bytes.endIndex, bytes[next] == lineFeed {
                    return (headEnd - bytes.startIndex, next + 1 - bytes.startIndex)
                }
                if next + 1 < bytes.endIndex, bytes[next] == carriageReturn, bytes[next + 1] == lineFeed {
                    return (headEnd - bytes.startIndex, next + 2 - bytes.startIndex)
                }
            }
            index += 1
        }
        scanned = bytes.count
        return nil
    }

    /// The request line and header fields of a complete head.
    struct ParsedHead {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]
        var contentLength: Int
        var keepAlive: Bool
        var expectsContinue: Bool
    }

    static func parseHead(_ bytes: ArraySlice<UInt8>, limits: LocalHTTPServer.Limits) -> Result<ParsedHead, RequestRefusal> {
        // Lines split on the bytes: in a Swift `String`, CR LF is one `Character`.
        var lines: [Substring] = []
        for line in bytes.split(separator: 10, omittingEmptySubsequences: false) {
            let content = line.last == 13 ? line.dropLast() : line
            guard let text = String(validating: content, as: UTF8.self) else {
                return .failure(RequestRefusal(status: 400, reason: "the request head is not valid UTF-8"))
            }
            lines.append(Substring(text))
        }
        // A client may send empty lines before a request line (RFC 9112 §2.2).
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first else {
            return .failure(RequestRefusal(status: 400, reason: "the request has no request line"))
        }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter) else {
            return .failure(RequestRefusal(status: 400, reason: "malformed request line"))
        }
        let target = parts[1], version = parts[2]
        guard target.hasPrefix("/") || target == "*", !target.contains(where: isForbiddenInTarget) else {
            return .failure(RequestRefusal(status: 400, reason: "malformed request target"))
        }
        guard version.hasPrefix("HTTP/") else {
            return .failure(RequestRefusal(status: 400, reason: "malformed request line"))
        }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .failure(RequestRefusal(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are spoken here"))
        }
        let headerLines = lines.dropFirst()
        guard headerLines.count <= limits.maximumHeaderCount else {
            return .failure(RequestRefusal(status: 431, reason: "more than \(limits.maximumHeaderCount) header fields"))
        }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(headerLines.count)
        for line in headerLines {
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(RequestRefusal(status: 400, reason: "a header line has no colon"))
            }
            let name = line[..<colon]
            // Folded lines and spaces before the colon are refused (RFC 9112 §5.1, §5.2).
            guard !name.isEmpty, name.allSatisfy(isTokenCharacter) else {
                return .failure(RequestRefusal(status: 400, reason: "malformed header name"))
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
            guard !value.contains(where: isForbiddenInValue) else {
                return .failure(RequestRefusal(status: 400, reason: "a control character in header \(name)"))
            }
            headers.append((String(name), value))
        }
        return framing(headers, isHTTP10: version == "HTTP/1.0", limits: limits).map { framing in
            ParsedHead(
                method: String(parts[0]), target: String(target), headers: headers, contentLength: framing.contentLength,
                keepAlive: framing.keepAlive, expectsContinue: framing.expectsContinue
            )
        }
    }

    /// How the body is delimited and whether the connection stays open.
    private static func framing(
        _ headers: [(name: String, value: String)], isHTTP10: Bool, limits: LocalHTTPServer.Limits
    ) -> Result<(contentLength: Int, keepAlive: Bool, expectsContinue: Bool), RequestRefusal> {
        func values(_ name: String) -> [String] {
            headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        }
        guard values("Transfer-Encoding").isEmpty else {
            return .failure(RequestRefusal(status: 501, reason: "Transfer-Encoding is not supported; send Content-Length"))
        }
        // Every Content-Length field, and every element of a list in one, must be the same
        // number of digits (RFC 9110 §8.6): anything else could frame the body two ways.
        let lengths = Set(values("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: [" ", "\t"]) })
        var contentLength = 0
        if !lengths.isEmpty {
            guard lengths.count == 1, let text = lengths.first, !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }) else {
                return .failure(RequestRefusal(status: 400, reason: "Content-Length is not one non-negative number"))
            }
            guard text.utf8.count <= 18, let length = Int(text), length <= limits.maximumBodyBytes else {
                return .failure(RequestRefusal(status: 413, reason: "the body is larger than \(limits.maximumBodyBytes) bytes"))
            }
            contentLength = length
        }
        let connection = values("Connection").flatMap { $0.lowercased().split(separator: ",") }
            .map { $0.trimmingCharacters(in: [" ", "\t"]) }
        let keepAlive = isHTTP10 ? connection.contains("keep-alive") : !connection.contains("close")
        let expectsContinue = !isHTTP10 && values("Expect").contains { $0.lowercased() == "100-continue" }
        return .success((contentLength, keepAlive, expectsContinue && contentLength > 0))
    }

    /// RFC 9110 `tchar`.
    private static func isTokenCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        switch ascii {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return "!#$%&'*+-.^_`|~".utf8.contains(ascii)
        }
    }

    private static func isForbiddenInTarget(_ character: Character) -> Bool {
        character.asciiValue.map { $0 < 0x21 || $0 == 0x7F } ?? false
    }

    private static func isForbiddenInValue(_ character: Character) -> Bool {
        character.asciiValue.map { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F } ?? false
    }
}

/// A request read from a connection, and whether that connection may carry another.
struct ParsedRequest: Equatable {
    var request: HTTPServerRequest
    var keepAlive: Bool

    static func == (lhs: ParsedRequest, rhs: ParsedRequest) -> Bool {
        lhs.keepAlive == rhs.keepAlive && lhs.request.method == rhs.request.method && lhs.request.target == rhs.request.target
            && lhs.request.body == rhs.request.body
            && lhs.request.headers.map(\.name) == rhs.request.headers.map(\.name)
            && lhs.request.headers.map(\.value) == rhs.request.headers.map(\.value)
    }
}

/// Why a request is refused: the status to answer and a short reason for its body.
struct RequestRefusal: Error, Equatable {
    var status: Int
    var reason: String
}
