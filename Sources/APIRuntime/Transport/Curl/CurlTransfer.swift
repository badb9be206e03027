#if canImport(FoundationNetworking) && canImport(CCurl)
import CCurl
import Foundation
import FoundationNetworking

/// One streamed request on libcurl's easy interface, on a thread of its own, its body handed
/// to a ``ChunkBuffer`` that holds the server back while the consumer is behind.
///
/// Why not URLSession: FoundationNetworking hands a body on in pieces of at most 16 KiB, each
/// through a hop between dispatch queues and with a new timeout timer, about 140 µs of CPU a
/// piece on a 2-core machine: most of what a large download costs the client. Here libcurl
/// reads up to ``bufferSize`` at a time straight into the buffer. What a URLSession task does
/// on Linux is kept: redirects followed (a custom `Authorization` header is not sent to another
/// host, libcurl's rule since 7.58), `Content-Encoding` decoded, proxies from the environment,
/// the request's timeout for connecting and (by the consumer) the wait for the head, and that
/// timeout rounded up to whole seconds, plus one, for each silence of the server after the head.
final class CurlTransfer: TransferControl, @unchecked Sendable {
    /// The most a write from libcurl holds (`CURLOPT_BUFFERSIZE`).
    static let bufferSize = 512 << 10
    /// The most redirects followed.
    static let maximumRedirects = 16

    private let curl: Libcurl
    private let request: TransportRequest
    private let silenceLimit: Duration
    /// The consumer's side; weak, as the buffer holds this transfer (its thread holds both).
    private weak var buffer: ChunkBuffer?
    private let lock = NSLock()
    private var isCancelled = false
    /// Whether the transfer was ended for a silence longer than ``silenceLimit``.
    private var isSilent = false
    private var lastActivity = ContinuousClock.now
    private var lastProgress = (downloaded: 0, uploaded: 0)
    // Only the transfer's thread touches these.
    private var status = 0
    private var headers: [HeaderField] = []
    private var headDelivered = false

    private init(curl: Libcurl, request: TransportRequest) {
        self.curl = curl
        self.request = request
        silenceLimit = .seconds(request.timeout.wholeSecondsBackstop)
    }

    /// A buffer whose transfer is `request` on libcurl; nil when the process has no libcurl.
    static func buffer(for request: TransportRequest) -> ChunkBuffer? {
        guard let curl = Libcurl.shared else { return nil }
        let transfer = CurlTransfer(curl: curl, request: request)
        let buffer = ChunkBuffer(control: transfer)
        transfer.buffer = buffer
        return buffer
    }

    func start() {
        guard let buffer else { return }
        let thread = Thread { [self] in run(delivering: buffer) }
        thread.name = "CurlTransfer"
        thread.start()
    }

    func cancel() {
        lock.withLock { isCancelled = true }
    }

    // MARK: - The transfer's thread

    private func run(delivering buffer: ChunkBuffer) {
        guard let handle = curl.easyInit() else {
            buffer.complete(URLError(.unknown))
            return
        }
        var headerList: UnsafeMutableRawPointer?
        var errorText = [CChar](repeating: 0, count: Libcurl.errorBufferSize)
        defer {
            curl.cleanup(handle)
            curl.slistFreeAll(headerList)
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        curl.set(handle, .url, pointer: request.url.absoluteString)
        curl.set(handle, .noSignal, 1)
        curl.set(handle, .followLocation, 1)
        curl.set(handle, .maximumRedirects, Self.maximumRedirects)
        curl.set(handle, .acceptEncoding, pointer: "")
        curl.set(handle, .bufferSize, Self.bufferSize)
        curl.set(handle, .connectTimeoutMilliseconds, max(1, Int(request.timeout.wholeMilliseconds)))
        switch request.method {
        case "GET": break
        case "HEAD": curl.set(handle, .noBody, 1)
        default: curl.set(handle, .customRequest, pointer: request.method)
        }
        var fields = request.headers.map { "\($0.name): \($0.value)" }
        if let body = request.body {
            curl.set(handle, .postFieldSizeLarge, body.count)
            _ = body.withUnsafeBytes { curl.set(handle, .copyPostFields, pointer: $0.baseAddress) }
            // libcurl would otherwise wait for a `100 Continue` before a large body, and add a
            // form's content type to a request that names none.
            if !request.headers.contains(where: { $0.name.lowercased() == "expect" }) { fields.append("Expect:") }
            if !request.headers.contains(where: { $0.name.lowercased() == "content-type" }) { fields.append("Content-Type:") }
        }
        for field in fields { headerList = curl.slistAppend(headerList, field) }
        curl.set(handle, .httpHeader, pointer: headerList)
        curl.set(handle, .headerFunction, callback: { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveHeader(data, length: size * count)
        })
        curl.set(handle, .headerData, pointer: context)
        curl.set(handle, .writeFunction, callback: { data, size, count, context in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().receiveBody(data, length: size * count)
        })
        curl.set(handle, .writeData, pointer: context)
        curl.set(handle, .noProgress, 0)
        curl.set(handle, .xferInfoFunction, progress: { context, _, downloaded, _, uploaded in
            Unmanaged<CurlTransfer>.fromOpaque(context!).takeUnretainedValue().shouldStop(downloaded: downloaded, uploaded: uploaded) ? 1 : 0
        })
        curl.set(handle, .xferInfoData, pointer: context)
        let code = errorText.withUnsafeMutableBufferPointer { text in
            curl.set(handle, .errorBuffer, pointer: text.baseAddress)
            return curl.perform(handle)
        }
        if code == 0 {
            if !headDelivered { deliverHead(to: buffer) }
            buffer.complete(nil)
        } else {
            let message = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            buffer.complete(failure(code, message: message))
        }
    }

    /// One header line of a response (the status line, a field, or the blank line that ends them).
    private func receiveHeader(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        touch()
        guard let data, !headDelivered else { return length }
        let line = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response: after a `100 Continue`, or a redirect libcurl follows.
            status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            headers = []
        } else if line.isEmpty {
            let followed = [301, 302, 303, 307, 308].contains(status) && headers.contains { $0.name.lowercased() == "location" }
            if status >= 200, !followed, let buffer { deliverHead(to: buffer) }
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            headers.append(HeaderField(name: name, value: value))
        }
        return length
    }

    /// A piece of the body: handed to the buffer, which may hold this thread back; 0 (which
    /// ends the transfer) once the consumer has gone.
    private func receiveBody(_ data: UnsafeMutablePointer<CChar>?, length: Int) -> Int {
        guard let buffer, let data else { return 0 }
        if !headDelivered { deliverHead(to: buffer) }
        let goesOn = buffer.receive(Data(bytes: data, count: length), waitingForRoom: true)
        touch()
        return goesOn ? length : 0
    }

    private func deliverHead(to buffer: ChunkBuffer) {
        headDelivered = true
        var fields: [String: String] = [:]
        var names: [String: String] = [:]
        for header in headers {
            let key = header.name.lowercased()
            let name = names[key, default: header.name]
            names[key] = name
            fields[name] = fields[name].map { "\($0), \(header.value)" } ?? header.value
        }
        let response = HTTPURLResponse(url: request.url, statusCode: status, httpVersion: "HTTP/1.1", headerFields: fields)
        if let response { buffer.receive(response) } else { buffer.complete(URLError(.badServerResponse)) }
    }

    /// Notes that the server was heard from (or the consumer took a piece).
    private func touch() {
        lock.withLock { lastActivity = .now }
    }

    /// libcurl's periodic call (at least once a second): whether to end the transfer, as
    /// cancelled or after too long a silence of the server once the head has come (the wait
    /// for the head is the consumer's to bound, with the request's timeout).
    private func shouldStop(downloaded: Int, uploaded: Int) -> Bool {
        let bodyStarted = headDelivered
        return lock.withLock {
            if isCancelled { return true }
            if (downloaded, uploaded) != lastProgress || !bodyStarted {
                lastProgress = (downloaded, uploaded)
                lastActivity = .now
            } else if ContinuousClock.now - lastActivity > silenceLimit {
                isSilent = true
                return true
            }
            return false
        }
    }

    /// The error a failed transfer ends with, as URLSession would report it.
    private func failure(_ code: Int32, message: String) -> any Error {
        let (cancelled, silent) = lock.withLock { (isCancelled, isSilent) }
        if cancelled { return CancellationError() }
        if silent { return URLError(.timedOut) }
        let urlCode: URLError.Code =
            switch code {
            case 6: .cannotFindHost
            case 7: .cannotConnectToHost
            case 18, 52, 55, 56: .networkConnectionLost
            case 28: .timedOut
            case 35: .secureConnectionFailed
            case 47: .httpTooManyRedirects
            case 60: .serverCertificateUntrusted
            default: .unknown
            }
        return URLError(urlCode, userInfo: [NSLocalizedDescriptionKey: "libcurl error \(code): \(message)"])
    }
}
#endif
