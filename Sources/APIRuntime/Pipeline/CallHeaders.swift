import Foundation

/// The first stage of a call: the headers every attempt sends (the spec's shared headers with
/// a new request id, the operation's own headers, the configuration's), and the call's context
/// with the ids sent.
struct CallHeaders {
    let client: APIClient
    /// The API the call goes to: its shared headers.
    let api: APIDocument.API
    let operationID: String

    /// The headers of every attempt of one call, and its context.
    /// - Parameter extraHeaders: The operation's own headers (its header parameters, the
    ///   body's `Content-Type`), which replace shared headers of the same name:
    ///   `Accept: application/pdf` for a download.
    /// - Throws: `invalidRequest` for a header with a control character.
    func make(extraHeaders: [HeaderField]) throws(APIError) -> (headers: [HeaderField], context: CallContext) {
        let requestID = UUID().uuidString.lowercased()
        let extraHeaders = extraHeaders + client.configuration.additionalHeaders
        let own = Set(extraHeaders.map { $0.name.lowercased() })
        let headers = client.sharedHeaders(api, requestID: requestID).filter { !own.contains($0.name.lowercased()) } + extraHeaders
        var context = CallContext(
            operationID: operationID, requestID: sentValue(of: .uuidPerCall, in: headers), correlationID: sentValue(of: .uuidPerClient, in: headers)
        )
        if let header = api.headers.first(where: { $0.source == .uuidPerCall }) { context.requestIDHeader = header.name }
        for header in headers where !Self.isSafe(header) {
            throw context.error(.invalidRequest(["header \(header.name) contains a control character"]))
        }
        return (headers, context)
    }

    /// Whether a header can be sent as it is: no CR, LF or NUL (and no colon in its name).
    static func isSafe(_ header: HeaderField) -> Bool {
        let forbidden: Set<Unicode.Scalar> = ["\r", "\n", "\0"]
        return !header.value.unicodeScalars.contains(where: forbidden.contains)
            && !header.name.unicodeScalars.contains { forbidden.contains($0) || $0 == ":" }
    }

    /// The value sent for the shared header whose value comes from `source` (the request or
    /// correlation id), if the spec has one.
    private func sentValue(of source: APIDocument.SharedHeader.Source, in headers: [HeaderField]) -> String? {
        api.headers.first { $0.source == source }.flatMap { shared in
            headers.first { $0.name.lowercased() == shared.name.lowercased() }?.value
        }
    }
}
