import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One accepted connection: reads one request, writes one response, closes.
struct Connection {
    let descriptor: Int32

    /// The largest request head and body accepted.
    static let maximumHeadBytes = 64 * 1024
    static let maximumBodyBytes = 8 * 1024 * 1024

    func serve(with handler: LocalHTTPServer.Handler) {
        defer { close(descriptor) }
        #if canImport(Darwin)
        // Darwin has no MSG_NOSIGNAL: a peer that hangs up must not raise SIGPIPE.
        var one: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        let response: HTTPServerResponse
        switch readRequest() {
        case let .success(request): response = handler(request)
        case let .failure(problem): response = .json(400, "{\"error\":\"\(problem)\"}")
        }
        write(response)
    }

    private enum Problem: Error, CustomStringConvertible {
        case closed, tooLarge, malformed
        var description: String {
            switch self {
            case .closed: "connection closed"
            case .tooLarge: "request too large"
            case .malformed: "malformed request"
            }
        }
    }

    private func readRequest() -> Result<HTTPServerRequest, Problem> {
        var buffer = [UInt8]()
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while headEnd == nil {
            guard buffer.count <= Self.maximumHeadBytes else { return .failure(.tooLarge) }
            guard receive(into: &buffer) else { return .failure(.closed) }
            headEnd = buffer.firstRange(of: separator)?.lowerBound
        }
        guard let headEnd else { return .failure(.malformed) }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count == 3 else { return .failure(.malformed) }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { return .failure(.malformed) }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        guard length <= Self.maximumBodyBytes else { return .failure(.tooLarge) }
        let bodyStart = headEnd + separator.count
        while buffer.count - bodyStart < length {
            guard receive(into: &buffer) else { return .failure(.closed) }
        }
        return .success(HTTPServerRequest(
            method: String(requestLine[0]), target: String(requestLine[1]), headers: headers,
            body: Data(buffer[bodyStart..<(bodyStart + length)])
        ))
    }

    /// Appends what the peer sent next; false when the connection closed.
    private func receive(into buffer: inout [UInt8]) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }

    private func write(_ response: HTTPServerResponse) {
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\n"
        for header in response.headers where header.name.lowercased() != "content-length" && header.name.lowercased() != "connection" {
            head += "\(header.name): \(header.value)\r\n"
        }
        head += "Content-Length: \(response.body.count)\r\nConnection: close\r\n\r\n"
        let bytes = Array(head.utf8) + Array(response.body)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Self.sendFlags) }
            guard count > 0 else { return }
            sent += count
        }
    }

    #if canImport(Darwin)
    private static let sendFlags: Int32 = 0
    #else
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status"
        }
    }
}
