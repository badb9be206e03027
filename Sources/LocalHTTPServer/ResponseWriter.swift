import Foundation

/// The bytes of a response on the wire.
enum ResponseWriter {
    /// Writes `response` to a connection, blocking up to the socket's send timeout at each
    /// write; a streamed body is produced and sent one chunk at a time. False when the client
    /// went away or stopped reading, or the body ended before its announced length.
    static func send(_ response: HTTPServerResponse, to descriptor: Int32, keepAlive: Bool, requestMethod: String?) -> Bool {
        var bytes = head(for: response, keepAlive: keepAlive)
        guard sendsBody(response, requestMethod: requestMethod) else { return Socket.sendAll(descriptor, bytes) }
        switch response.content {
        case let .whole(data):
            // One write for head and body: a small response leaves in one segment.
            bytes += data
            return Socket.sendAll(descriptor, bytes)
        case let .streamed(length, producer):
            guard Socket.sendAll(descriptor, bytes) else { return false }
            var offset = 0
            while offset < length {
                guard let chunk = producer(offset), !chunk.isEmpty else { return false }
                let part = chunk.prefix(length - offset)
                guard Socket.sendAll(descriptor, Array(part)) else { return false }
                offset += part.count
            }
            return true
        }
    }

    /// The bytes of a response held whole, for refusals written without waiting.
    static func bytes(for response: HTTPServerResponse, keepAlive: Bool, requestMethod: String?) -> [UInt8] {
        var bytes = head(for: response, keepAlive: keepAlive)
        if sendsBody(response, requestMethod: requestMethod) { bytes += response.body }
        return bytes
    }

    /// The status line, the handler's headers (its own `Content-Length` and `Connection`
    /// replaced by the server's) and the framing headers.
    ///
    /// 1xx, 204 and 304 responses carry no body and no `Content-Length`; a `HEAD` request's
    /// response has the length of the body it leaves out.
    private static func head(for response: HTTPServerResponse, keepAlive: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status(of: response)) \(reason(status(of: response)))\r\n"
        for header in response.headers where !isFraming(header.name) && isSafe(header) {
            head += "\(header.name): \(header.value)\r\n"
        }
        if !hasNoBody(response) {
            let length = switch response.content {
            case let .whole(data): data.count
            case let .streamed(length, _): length
            }
            head += "Content-Length: \(length)\r\n"
        }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8)
    }

    private static func status(of response: HTTPServerResponse) -> Int {
        (100...999).contains(response.status) ? response.status : 500
    }

    private static func hasNoBody(_ response: HTTPServerResponse) -> Bool {
        let status = status(of: response)
        return (100...199).contains(status) || status == 204 || status == 304
    }

    private static func sendsBody(_ response: HTTPServerResponse, requestMethod: String?) -> Bool {
        !hasNoBody(response) && requestMethod != "HEAD"
    }

    /// A short JSON error response, `{"error": reason}`.
    static func refusal(status: Int, reason: String, headers: [(name: String, value: String)] = []) -> HTTPServerResponse {
        let escaped = reason.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case _ where scalar.value < 0x20: "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: String(scalar)
            }
        }.joined()
        return .json(status, "{\"error\":\"\(escaped)\"}", headers: headers)
    }

    /// Whether the handler asked for the connection to close after this response.
    static func asksToClose(_ response: HTTPServerResponse) -> Bool {
        response.headers.contains { $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close") }
    }

    private static func isFraming(_ name: String) -> Bool {
        ["content-length", "connection", "transfer-encoding", "keep-alive"].contains(name.lowercased())
    }

    /// A header a handler built from request data must not split the response.
    private static func isSafe(_ header: (name: String, value: String)) -> Bool {
        !header.name.isEmpty && !(header.name + header.value).unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
            && !header.name.contains(":")
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
