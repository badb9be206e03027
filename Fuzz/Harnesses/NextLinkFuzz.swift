// libFuzzer target `next-link`: any bytes as a base URL, an operation path and a page's
// next link, through the paging code: `NextLink.parts(of:)` (uri, method and headers, as
// `PageSequence` reads them) and `NextLink.url(for:operationPath:baseURL:)`.
// Built and run by scripts/fuzz; see Fuzzing.md.
//
// Input: line 1 the base URL, line 2 the operation path, the rest the link object as JSON
// (`{"uri": …, "headers": [{"key": …, "value": …}]}`); when the rest is not JSON, it is
// the link's `uri` itself.

import Foundation
@testable import APIRuntime

/// Stops the run with `message` when `condition` is false (unlike `precondition`, the
/// message survives `-O`, so libFuzzer's report says which property broke).
private func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fail(message()) }
}

private func fail(_ message: String) -> Never {
    fatalError("fuzz property violated: \(message)")
}

/// The URL's port, or its scheme's default one.
private func effectivePort(_ url: URL) -> Int? {
    url.port ?? ["http": 80, "https": 443][folded(url.scheme)]
}

/// `text` lowercased, with nil and empty alike.
private func folded(_ text: String?) -> String {
    text?.lowercased() ?? ""
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let lines = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 2, omittingEmptySubsequences: false)
    guard lines.count == 3, let baseURL = URL(string: String(decoding: lines[0], as: UTF8.self)) else { return 0 }
    let operationPath = String(decoding: lines[1], as: UTF8.self)
    let link = (try? JSONParser.parse(lines[2])) ?? .object(["uri": .string(String(decoding: lines[2], as: UTF8.self))])

    guard let parts = NextLink.parts(of: link) else {
        check(link["uri"]?.stringValue == nil, "a link with a uri read as the last page")
        return 0
    }
    check(parts.headers.count <= (link["headers"]?.arrayValue?.count ?? 0), "more headers than the link has")
    let url: URL
    do {
        url = try NextLink.url(for: parts.uri, operationPath: operationPath, baseURL: baseURL)
    } catch {
        guard case .malformedResponse = error.kind else { fail("unexpected error: \(error)") }
        return 0
    }
    // Schemes are case-insensitive: `HTTPS://…` is absolute too.
    let lowered = parts.uri.utf8.prefix(8).map { (65...90).contains($0) ? $0 + 32 : $0 }
    let isAbsolute = lowered.starts(with: "http://".utf8) || lowered.starts(with: "https://".utf8)
    if isAbsolute { check(!folded(url.host).isEmpty, "next link \(String(reflecting: parts.uri)) leads to \(url.absoluteString), which has no host") }
    // The next request carries the bearer token: it must stay on the base URL's origin (a
    // port left out, or left empty as in `http://host:`, is the scheme's default: RFC 6454).
    if !folded(baseURL.host).isEmpty {
        check(
            folded(url.scheme) == folded(baseURL.scheme) && folded(url.host) == folded(baseURL.host) && effectivePort(url) == effectivePort(baseURL),
            "next link \(String(reflecting: parts.uri)) on \(baseURL.absoluteString) leads to \(url.absoluteString)"
        )
    }
    // The link's characters arrive as they were sent: percent-decoding the request URL gives
    // the base URL and the uri back (escapes are neither added to `%XX` nor lost).
    let decodedURL = url.absoluteString.removingPercentEncoding
    if isAbsolute {
        if let decodedURL, let decodedURI = parts.uri.removingPercentEncoding {
            check(decodedURL.utf8.elementsEqual(decodedURI.utf8), "next link \(String(reflecting: parts.uri)) becomes \(String(reflecting: url.absoluteString))")
        }
    } else {
        // Relative: the base URL, then the API root (the operation path's first segment)
        // unless the uri starts with it, then the uri; compared byte for byte.
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let relative = parts.uri.utf8.first == UInt8(ascii: "/") ? parts.uri : "/" + parts.uri
        let root = operationPath.utf8.split(separator: UInt8(ascii: "/")).first.map { "/" + String(decoding: $0, as: UTF8.self) } ?? ""
        let hasRoot = relative.utf8.elementsEqual(root.utf8) || relative.utf8.starts(with: (root + "/").utf8)
            || relative.utf8.starts(with: (root + "?").utf8)
        let expected = base + (root.isEmpty || hasRoot ? relative : root + relative)
        if let decodedURL, let decodedExpected = expected.removingPercentEncoding {
            check(
                decodedURL.utf8.elementsEqual(decodedExpected.utf8),
                "next link \(String(reflecting: parts.uri)) on \(String(reflecting: base)) becomes \(String(reflecting: url.absoluteString))"
            )
        }
    }
    // A relative uri is resolved under the base URL's path, never beside it. (Compared as
    // parsed, still encoded paths: `URL(string:)` encodes NUL as `%00` and drops an empty port.)
    if !isAbsolute {
        var basePath = baseURL.path(percentEncoded: true)
        while basePath.hasSuffix("/") { basePath.removeLast() }
        check(
            url.path(percentEncoded: true).utf8.starts(with: basePath.utf8),
            "next link \(String(reflecting: parts.uri)) on \(baseURL.absoluteString) resolves to \(url.absoluteString), outside \(basePath)"
        )
    }
    return 0
}
