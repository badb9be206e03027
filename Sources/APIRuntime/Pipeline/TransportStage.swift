import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The innermost stages of an attempt: the configuration's middlewares, the first outermost,
/// then the transport. For a download, a success response's body goes past the middlewares:
/// streamed to the caller or written to the file.
struct TransportStage {
    let configuration: APIClient.Configuration
    let operationID: String

    /// One attempt through the middlewares and the transport, and where a success response's
    /// body went (``DeliveredBody``).
    func send(_ request: TransportRequest, delivery: Exchange.Delivery) async throws -> (TransportResponse, DeliveredBody) {
        let transport = configuration.transport
        let maximum = configuration.maximumResponseBytes
        let body = DeliveredBody()
        let response = try await configuration.middlewares.send(request, operationID: operationID) { request in
            switch delivery {
            case .whole:
                return try await transport.send(request)
            case .streamed:
                let streamed = try await transport.stream(request)
                guard (200...299).contains(streamed.status) else {
                    // An error (or a 401 to refresh, a 429 to wait for): its body is small JSON.
                    return TransportResponse(status: streamed.status, headers: streamed.headers, body: try await streamed.body.collect(upTo: maximum))
                }
                body.stream = streamed.body
                return TransportResponse(status: streamed.status, headers: streamed.headers)
            case let .file(fileURL):
                let fetched = try await transport.download(request, to: fileURL)
                if (200...299).contains(fetched.status) { body.isWritten = true }
                return fetched
            }
        }
        return (response, body)
    }

    /// For a download's success response: the response with its body (the transport's, or
    /// the one a middleware answered with, written to the file); nil for a whole response.
    func delivered(_ response: TransportResponse, body: DeliveredBody, delivery: Exchange.Delivery, context: CallContext) throws -> Exchange.Outcome? {
        switch delivery {
        case .whole:
            return nil
        case .streamed:
            let chunks = body.stream ?? ResponseBodyStream(response.body)
            return .streamed(TransportStreamedResponse(status: response.status, headers: response.headers, body: chunks), context: context)
        case let .file(fileURL):
            if !body.isWritten {
                let partial = FileReplacement.partialFile(beside: fileURL)
                try response.body.write(to: partial)
                do {
                    try FileReplacement.replace(fileURL, with: partial)
                } catch {
                    try? FileManager.default.removeItem(at: partial)
                    throw error
                }
            }
            return .downloaded(TransportResponse(status: response.status, headers: response.headers), context: context)
        }
    }

    /// The kind of error a transport (or middleware) failure is.
    static func failure(_ error: any Error) -> APIError.Kind {
        if Task.isCancelled || error is CancellationError { return .cancelled }
        switch error as? HTTPTransportError {
        case let .responseTooLarge(limit)?: return .responseTooLarge(limit: limit)
        case .timedOut?: return .timeout
        case nil: break
        }
        if let error = error as? URLError {
            switch error.code {
            case .cancelled: return .cancelled
            case .timedOut: return .timeout
            default: return .transport(Redaction.redact("\(error.code.rawValue): \(error.localizedDescription)"))
            }
        }
        return .transport(Redaction.redact("\(error)"))
    }
}

/// A download's success body, which passes the middlewares by the side: the transport's
/// stream, or whether the transport wrote the file.
final class DeliveredBody: @unchecked Sendable {
    private let lock = NSLock()
    private var streamStorage: ResponseBodyStream?
    private var written = false

    var stream: ResponseBodyStream? {
        get { lock.withLock { streamStorage } }
        set { lock.withLock { streamStorage = newValue } }
    }

    var isWritten: Bool {
        get { lock.withLock { written } }
        set { lock.withLock { written = newValue } }
    }
}
