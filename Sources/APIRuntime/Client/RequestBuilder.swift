import Foundation

/// Builds the URL of an operation call: path placeholders and query values each
/// percent-encoded exactly once, query parameters joined with `&`.
struct RequestBuilder {
    let baseURL: URL

    /// Characters sent as they are in a path segment or query value (RFC 3986 unreserved).
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The URL for `operation` with `values` (already validated) as its parameters.
    func url(for operation: OperationDescription, values: [String: JSONValue]) throws(APIError) -> URL {
        var path = operation.path
        var query: [String] = []
        for parameter in operation.parameters {
            guard let value = values[parameter.name] else { continue }
            let text = ParameterText.text(of: value, json: parameter.isJSON)
            switch parameter.location {
            case .path: path = path.replacingOccurrences(of: "{\(parameter.name)}", with: Self.encode(text))
            case .query: query.append(Self.encode(parameter.name) + "=" + Self.encode(text))
            case .header: continue
            }
        }
        return try url(path: path, query: query.joined(separator: "&"))
    }

    /// `path` and `query` appended to the base URL's path.
    func url(path: String, query: String) throws(APIError) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        let text = base + path + (query.isEmpty ? "" : "?" + query)
        guard let url = URL(string: text) else { throw APIError(.invalidRequest(["cannot form a URL from \(text)"])) }
        return url
    }

    /// A request body: JSON text (numbers exactly as given), or for
    /// `application/x-www-form-urlencoded` the object's members as `name=value` pairs in
    /// key order, each percent-encoded.
    static func body(_ value: JSONValue, mediaType: BodyDescription.MediaType) -> Data {
        guard mediaType == .formURLEncoded, let members = value.objectValue else {
            return Data(JSONWriter.string(from: value).utf8)
        }
        let pairs = members.keys.sorted().compactMap { key in
            members[key].map { encode(key) + "=" + encode(ParameterText.text(of: $0, json: false)) }
        }
        return Data(pairs.joined(separator: "&").utf8)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
