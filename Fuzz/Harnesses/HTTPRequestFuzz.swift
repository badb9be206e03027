// libFuzzer target `http-request`: any bytes as what a client sent to `LocalHTTPServer`,
// through its request parser exactly as a connection reads them: pipelined requests one
// after the other, each as the bytes arrive in pieces. Built and run by scripts/fuzz; see
// Fuzzing.md.
//
// Input: the first byte sets the size of the pieces the rest arrives in (1 to 256 bytes),
// the rest is the bytes on the wire.

import Foundation
@testable import LocalHTTPServer

/// Stops the run with `message` when `condition` is false (the message survives `-O`).
private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("fuzz property violated: \(message())") }
}

private let limits = LocalHTTPServer.Limits(maximumHeadBytes: 4 * 1024, maximumHeaderCount: 32, maximumBodyBytes: 16 * 1024)

/// Parses every request in `bytes`, the bytes given to the parser `piece` at a time; returns
/// the outcomes in order (requests, then the final incomplete or refused state).
private func outcomes(of bytes: [UInt8], piece: Int) -> [RequestParser.Outcome] {
    var parser = RequestParser(limits: limits)
    var results: [RequestParser.Outcome] = []
    var start = 0, received = min(bytes.count, piece)
    while true {
        let outcome = parser.parse(bytes[start..<received])
        switch outcome {
        case let .request(parsed, length):
            check(length > 0 && length <= received - start, "consumed \(length) of \(received - start) bytes")
            check(parsed.request.body.count <= limits.maximumBodyBytes, "a body over the limit")
            check(parsed.request.headers.count <= limits.maximumHeaderCount, "more header fields than the limit")
            check(parsed.request.target.first == "/" || parsed.request.target == "*", "target \(parsed.request.target)")
            for header in parsed.request.headers {
                check(!header.value.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }, "a control character kept")
            }
            // What handlers read must not trap either.
            _ = parsed.request.path
            _ = parsed.request.query
            results.append(outcome)
            start += length
            parser.reset()
        case .incomplete:
            guard received < bytes.count else {
                results.append(outcome)
                return results
            }
            received = min(bytes.count, received + piece)
        case .refused(let refusal):
            check([400, 413, 431, 501, 505].contains(refusal.status), "refused with \(refusal.status)")
            results.append(outcome)
            return results
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let piece = Int(data[0]) + 1
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let inPieces = outcomes(of: bytes, piece: piece)
    // However the bytes are split as they arrive, the requests read are the same.
    let whole = outcomes(of: bytes, piece: max(1, bytes.count))
    check(inPieces.filter(isRequest) == whole.filter(isRequest), "the requests depend on how the bytes arrived")
    return 0
}

private func isRequest(_ outcome: RequestParser.Outcome) -> Bool {
    if case .request = outcome { true } else { false }
}
