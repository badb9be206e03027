import JSONValues

/// Why a compiled document could not be read: what is wrong, and where.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the path of the offending part (`operations/listCustomers/method must be a string`).
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

/// Typed reads of the compiled document's JSON, failing with ``DocumentError``.
package struct DocumentReader {
    package let value: JSONValue
    package let path: String

    package init(_ value: JSONValue, path: String) {
        self.value = value
        self.path = path
    }

    package func string(_ key: String) throws(DocumentError) -> String {
        guard let text = value[key]?.stringValue else { throw missing(key, "a string") }
        return text
    }

    package func optionalString(_ key: String) -> String? {
        value[key]?.stringValue
    }

    package func object(_ key: String) throws(DocumentError) -> JSONObject {
        guard let object = value[key]?.objectValue else { throw missing(key, "an object") }
        return object
    }

    package func array(_ key: String) throws(DocumentError) -> [JSONValue] {
        guard let array = value[key]?.arrayValue else { throw missing(key, "an array") }
        return array
    }

    /// The schema at `key`, read with its errors under this reader's path.
    package func schema(_ key: String) throws(DocumentError) -> JSONSchema {
        guard let schema = value[key] else { throw DocumentError("\(path)/\(key) is missing") }
        do {
            return try JSONSchema(json: schema)
        } catch {
            throw DocumentError("\(path)/\(key): \(error)")
        }
    }

    /// A reader of the member `key` (present or not).
    package func member(_ key: String) -> DocumentReader? {
        value[key].map { DocumentReader($0, path: path + "/" + key) }
    }

    private func missing(_ key: String, _ kind: String) -> DocumentError {
        DocumentError("\(path)/\(key) must be \(kind)")
    }
}

extension JSONValue {
    /// An object of the members that are present, keys sorted: how the compiled document writes
    /// each of its objects.
    package static func sortedObject(_ members: [(String, JSONValue?)]) -> JSONValue {
        // A key given twice keeps its last value.
        let present = Dictionary(members.compactMap { key, value in value.map { (key, $0) } }) { _, last in last }
        return .object(JSONObject(uniqueMembers: present.sorted { $0.key < $1.key }))
    }

    /// An array of strings.
    package static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }
}
