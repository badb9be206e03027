import Foundation

/// One way a JSON value fails its schema, with the JSON pointer of the offending part.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// The RFC 6901 pointer of the offending value (`""` is the root, `~` is `~0`, `/` is `~1`).
    public let pointer: String
    /// What is wrong, e.g. `expected string, got number`.
    public let message: String

    /// Creates a violation at `pointer`.
    public init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    /// `/items/3/companyProfile/companyName: expected string, got number` (the root is `/`).
    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(message)" }
}
