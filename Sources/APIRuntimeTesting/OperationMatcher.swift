import APIRuntime
import Foundation

/// Finds the operation of a compiled spec that a request is for, from its method and path.
///
/// The runtime does not tell a transport which operation it runs, so the request's path is
/// matched against each operation's template (`/v1/customers/{customer-tenant-id}`): the
/// template's segments must be the last segments of the path (a base URL may add a prefix such
/// as `/api`), literal segments equal, each `{name}` standing for a non-empty text. When several
/// templates match, the one with the most literal text wins (`/v1/customers/me` over
/// `/v1/customers/{id}`), then the smallest operation id.
struct OperationMatcher: Sendable {
    /// One operation's method and template, cut into segments.
    private struct Template: Sendable {
        var operationID: String
        var method: String
        var segments: [[Piece]]
        /// How many characters of the template are literal text.
        var literalLength: Int
    }

    /// A piece of a template segment: literal text or a parameter.
    private enum Piece: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    private let templates: [Template]

    /// The ids of the document's operations.
    let operationIDs: Set<String>

    init(contents: APIDocument.Contents) {
        templates = contents.operations.values.map { operation in
            let segments = Self.segments(of: operation.path).map(Self.pieces)
            let literal = segments.joined().reduce(0) { total, piece in
                if case let .literal(text) = piece { return total + text.count }
                return total
            }
            return Template(operationID: operation.id, method: operation.method.rawValue, segments: segments, literalLength: literal)
        }
        .sorted { $0.operationID < $1.operationID }
        operationIDs = Set(contents.operations.keys)
    }

    /// The operation `method url` is for, with its path parameters; nil when none matches.
    func match(method: String, url: URL) -> (operationID: String, parameters: [String: String])? {
        let encodedPath = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let path = Self.segments(of: encodedPath).map { $0.removingPercentEncoding ?? $0 }
        var best: (template: Template, parameters: [String: String])?
        for template in templates where template.method == method.uppercased() && template.segments.count <= path.count {
            guard let parameters = Self.match(template.segments, against: path.suffix(template.segments.count)) else { continue }
            if best.map({ template.literalLength > $0.template.literalLength }) ?? true {
                best = (template, parameters)
            }
        }
        return best.map { ($0.template.operationID, $0.parameters) }
    }

    private static func segments(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// `customers`, `{id}` or `{id}.json` as pieces.
    private static func pieces(_ segment: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(segment)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { pieces.append(.literal(String(rest[..<open]))) }
            pieces.append(.parameter(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { pieces.append(.literal(String(rest))) }
        return pieces
    }

    private static func match(_ template: [[Piece]], against path: ArraySlice<String>) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (pieces, segment) in zip(template, path) {
            guard let values = match(pieces[...], Substring(segment)) else { return nil }
            parameters.merge(values) { first, _ in first }
        }
        return parameters
    }

    /// Matches one segment; a parameter takes the shortest non-empty text that lets the rest match.
    private static func match(_ pieces: ArraySlice<Piece>, _ text: Substring) -> [String: String]? {
        guard let first = pieces.first else { return text.isEmpty ? [:] : nil }
        switch first {
        case let .literal(literal):
            guard text.hasPrefix(literal) else { return nil }
            return match(pieces.dropFirst(), text.dropFirst(literal.count))
        case let .parameter(name):
            var end = text.startIndex
            while end < text.endIndex {
                end = text.index(after: end)
                if var rest = match(pieces.dropFirst(), text[end...]) {
                    rest[name] = String(text[..<end])
                    return rest
                }
            }
            return nil
        }
    }
}
