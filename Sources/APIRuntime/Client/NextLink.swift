import Foundation

/// A page's next link: what its object (or URL string) says, and its `uri` resolved against the API root.
enum NextLink {
    /// What a next link object says: `{"uri": …, "method": …, "headers": [{"key": …, "value": …}]}`.
    struct Parts: Equatable {
        var uri: String
        /// `GET` when the link names no method.
        var method: String
        /// The link's headers in order; an entry without a string `key` and `value` is skipped.
        var headers: [HeaderField]
    }

    /// The parts of the link object `link`, or nil when it has no string `uri` (the last page);
    /// a string is the link's URL (Microsoft Graph's `@odata.nextLink`), an empty one none.
    static func parts(of link: JSONValue) -> Parts? {
        if let url = link.stringValue { return url.isEmpty ? nil : Parts(uri: url, method: "GET", headers: []) }
        guard let uri = link["uri"]?.stringValue else { return nil }
        let headers = (link["headers"]?.arrayValue ?? []).compactMap { header -> HeaderField? in
            guard let key = header["key"]?.stringValue, let value = header["value"]?.stringValue else { return nil }
            return HeaderField(name: key, value: value)
        }
        return Parts(uri: uri, method: link["method"]?.stringValue ?? "GET", headers: headers)
    }

    /// Resolves a next-page `uri` against the API root.
    ///
    /// The uri is relative to the API root, the base URL plus the first segment of the
    /// operation's path (`/v1`). Some responses already include that segment and some do not:
    /// it is added only when missing, so the result never holds `/v1/v1`.
    static func url(for uri: String, operationPath: String, baseURL: URL, what: String = "the next link") throws(APIError) -> URL {
        // Compared as UTF-8 bytes, not as Characters: a combining mark after a `/` would
        // otherwise hide the `/` (`"/v1/\u{301}".hasPrefix("/v1/")` is false).
        let slash = UInt8(ascii: "/")
        let bytes = Array(uri.utf8)
        // Schemes are case-insensitive (RFC 3986 §3.1): `HTTPS://…` is absolute too.
        let lowered = bytes.prefix(8).map { (65...90).contains($0) ? $0 + 32 : $0 }
        if let schemeEnd = ["http://", "https://"].first(where: { lowered.starts(with: $0.utf8) })?.utf8.count {
            let authorityEnd = bytes[schemeEnd...].firstIndex { "/?#".utf8.contains($0) } ?? bytes.endIndex
            let escaped = String(decoding: bytes[..<authorityEnd], as: UTF8.self) + escapingInvalidCharacters(bytes[authorityEnd...])
            // `https://` alone, or `https:///path`, names no host: no request can follow it.
            guard let url = URL(string: escaped), !(url.host ?? "").isEmpty else { throw notAURL(uri) }
            // The next request carries the bearer token: never to another origin. A port left
            // out is the scheme's default, so `https://host` and `https://host:443` are one.
            guard url.scheme?.lowercased() == baseURL.scheme?.lowercased(), url.host?.lowercased() == baseURL.host?.lowercased(),
                effectivePort(url) == effectivePort(baseURL)
            else {
                throw APIError(.malformedResponse("\(what) \(Redaction.redact(uri)) leaves \(baseURL.host ?? "the API's host")"))
            }
            return url
        }
        let relative = bytes.first == slash ? bytes : [slash] + bytes
        let root: [UInt8] = operationPath.utf8.split(separator: slash).first.map { [slash] + Array($0) } ?? []
        let hasRoot = relative == root || relative.starts(with: root + [slash]) || relative.starts(with: root + [UInt8(ascii: "?")])
        let path = root.isEmpty || hasRoot ? relative : root + relative
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        guard let url = URL(string: base + escapingInvalidCharacters(path, inFragment: base.contains("#"))) else {
            throw notAURL(uri)
        }
        return url
    }

    private static func notAURL(_ uri: String) -> APIError {
        APIError(.malformedResponse("the next link \(Redaction.redact(uri)) is not a URL"))
    }

    /// The URL's port, or its scheme's default one.
    private static func effectivePort(_ url: URL) -> Int? {
        url.port ?? ["http": 80, "https": 443][url.scheme?.lowercased() ?? ""]
    }

    /// The path, query and fragment in UTF-8 `text` with every byte a URL may not hold
    /// percent-encoded (`{`, `"`, space, `%` that starts no escape, non-ASCII, a second
    /// `#`…), and its valid `%XX` escapes kept as they are.
    ///
    /// `URL(string:)` encodes such characters itself, but then also re-encodes every `%` of
    /// the same component: `?filter={…}&token=a%2Fb` would be sent as `token=a%252Fb`.
    /// - Parameter inFragment: Whether `text` follows a `#` already (so holds no other).
    static func escapingInvalidCharacters(_ text: some Collection<UInt8>, inFragment: Bool = false) -> String {
        let bytes = Array(text)
        let allowed = Set("-._~:/?@!$&'()*+,;=".utf8)
        var seenHash = inFragment
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for (position, byte) in bytes.enumerated() {
            let isEscape = byte == UInt8(ascii: "%") && position + 2 < bytes.count
                && bytes[position + 1].isHexDigit && bytes[position + 2].isHexDigit
            let isFirstHash = byte == UInt8(ascii: "#") && !seenHash
            if byte == UInt8(ascii: "#") { seenHash = true }
            if byte.isASCIIAlphanumeric || allowed.contains(byte) || isEscape || isFirstHash {
                output.append(byte)
            } else {
                output.append(contentsOf: "%\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true))".utf8)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self | 0x20)
    }

    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self | 0x20)
    }
}
