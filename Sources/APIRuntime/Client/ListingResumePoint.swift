import Foundation

/// Where a listing stands between two pages: what the next request is, so that another
/// process can fetch the rest with no page repeated or skipped.
///
/// Get one from a listing's iterator (``PageSequence/Iterator/resumePoint``) after any page,
/// or after a failure (then it is the request that failed); keep its ``token`` (printable
/// text, e.g. on standard error, or in a database), and start the listing again with
/// ``PageSequence/resuming(from:)``. A resumed listing still sends only to the client's own
/// base URL: a token naming another host is refused, so a forged one cannot get the bearer
/// token sent elsewhere. The token holds the next link with its continuation header, or the
/// next offset or continuation token with the listing's parameters; no credential.
public struct ListingResumePoint: Sendable, Hashable {
    /// The listing's operation id.
    public let operationID: String
    let next: Next

    enum Next: Hashable {
        /// The next page's link (relative to the client's base URL when under it), its method
        /// and headers (such as `MS-ContinuationToken`).
        case link(uri: String, method: String, headers: [HeaderField])
        /// The next offset, and the listing's parameters it is sent with.
        case offset(Int, parameters: JSONValue)
        /// The continuation token of the next page, and the listing's parameters it is sent with.
        case continuation(String, parameters: JSONValue)
    }

    init(operationID: String, next: Next) {
        self.operationID = operationID
        self.next = next
    }

    /// The point as printable text: base64url of a small JSON object.
    public var token: String {
        var members: JSONObject = ["operation": .string(operationID), "version": .integer(1)]
        switch next {
        case let .link(uri, method, headers):
            members["link"] = .object([
                "uri": .string(uri), "method": .string(method),
                "headers": .array(headers.map { .array([.string($0.name), .string($0.value)]) }),
            ])
        case let .offset(offset, parameters):
            members["offset"] = .integer(offset)
            members["parameters"] = parameters
        case let .continuation(continuation, parameters):
            members["continuation"] = .string(continuation)
            members["parameters"] = parameters
        }
        return Data(JSONWriter.string(from: .object(members)).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The point a ``token`` stands for.
    /// - Throws: `APIError.Kind.invalidRequest` when the text is not such a token.
    public init(token: String) throws(APIError) {
        var base64 = token.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let invalid = APIError(.invalidRequest(["the resume token is not one a listing printed"]))
        guard let data = Data(base64Encoded: base64), let value = try? JSONParser.parse(Array(data)),
            value["version"]?.intValue == 1, let operationID = value["operation"]?.stringValue
        else { throw invalid }
        if let link = value["link"] {
            guard let uri = link["uri"]?.stringValue, let method = link["method"]?.stringValue,
                let pairs = link["headers"]?.arrayValue
            else { throw invalid }
            var headers: [HeaderField] = []
            for pair in pairs {
                guard let parts = pair.arrayValue, parts.count == 2, let name = parts[0].stringValue, let headerValue = parts[1].stringValue else { throw invalid }
                headers.append(HeaderField(name: name, value: headerValue))
            }
            self.init(operationID: operationID, next: .link(uri: uri, method: method, headers: headers))
        } else if let offset = value["offset"]?.intValue, let parameters = value["parameters"], parameters.objectValue != nil {
            self.init(operationID: operationID, next: .offset(offset, parameters: parameters))
        } else if let continuation = value["continuation"]?.stringValue, let parameters = value["parameters"], parameters.objectValue != nil {
            self.init(operationID: operationID, next: .continuation(continuation, parameters: parameters))
        } else {
            throw invalid
        }
    }
}
