/// Why a ``MockTransport`` could not take a response rule.
public enum MockTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The transport was created without a document, so it knows no operation ids.
    case noDocument(operationID: String)
    /// The document could not be read; its error.
    case unreadableDocument(String)
    /// The document has no operation with this id; `suggestion` is one that differs only in case.
    case unknownOperation(String, suggestion: String?)

    /// One sentence saying what went wrong and how to fix it.
    public var description: String {
        switch self {
        case let .noDocument(id):
            "MockTransport: cannot answer '\(id)' by operation id: create the transport with MockTransport(document: YourClient.document)"
        case let .unreadableDocument(error):
            "MockTransport: the document cannot be read: \(error)"
        case let .unknownOperation(id, suggestion?):
            "MockTransport: the document has no operation '\(id)' (did you mean '\(suggestion)'?)"
        case let .unknownOperation(id, nil):
            "MockTransport: the document has no operation '\(id)'"
        }
    }
}
