import Foundation

/// One file a job's result lists (an export's blob), on the storage's origin, read with the
/// access token the result carries (a SAS) and never with the API's bearer token.
///
/// Its ``url`` holds that access token, a secret: ``description`` is the file's name only.
public struct ResultFile: Sendable, Hashable, CustomStringConvertible {
    /// The file's name as the result lists it (`part-00049-….c000.json.gz`).
    public var name: String
    /// `{directory}/{name}?{token}`, the token exactly as the result gave it.
    public var url: URL
    /// The named schema each of its records (lines) is validated against.
    public var recordSchema: String

    public init(name: String, url: URL, recordSchema: String) {
        self.name = name
        self.url = url
        self.recordSchema = recordSchema
    }

    public var description: String { name }

    /// The files `result` lists, as the spec's `files` says where.
    static func list(in result: JSONValue, _ files: ResultFiles, context: CallContext) throws(APIError) -> [ResultFile] {
        guard let directory = result[files.directory]?.stringValue, let list = result[files.list]?.arrayValue else {
            throw context.error(.malformedResponse("the job's result lists no files ('\(files.directory)' and '\(files.list)' are missing)"))
        }
        var token = result[files.token]?.stringValue ?? ""
        // The query as given, never re-encoded: it is already percent-encoded (`sig=…%3D`).
        if token.hasPrefix("?") { token.removeFirst() }
        var root = directory
        while root.hasSuffix("/") { root.removeLast() }
        guard let rootURL = URL(string: root), ["http", "https"].contains(rootURL.scheme?.lowercased() ?? ""), !(rootURL.host ?? "").isEmpty else {
            throw context.error(.malformedResponse("the files' directory \(Redaction.redact(directory)) is not an http or https URL"))
        }
        return try list.enumerated().map { index, entry throws(APIError) in
            guard let name = entry[files.name]?.stringValue, !name.isEmpty else {
                throw context.error(.malformedResponse("file \(index + 1) of the job's result has no '\(files.name)'"))
            }
            let path = name.split(separator: "/", omittingEmptySubsequences: true).map { segment in
                segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? String(segment)
            }.joined(separator: "/")
            let text = root + "/" + path + (token.isEmpty ? "" : "?" + NextLink.escapingInvalidCharacters(Array(token.utf8)))
            guard let url = URL(string: text) else {
                throw context.error(.malformedResponse("file \(Redaction.redact(name)) of the job's result has no valid URL"))
            }
            return ResultFile(name: name, url: url, recordSchema: files.record)
        }
    }
}
