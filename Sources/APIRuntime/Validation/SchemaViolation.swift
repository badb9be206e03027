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

/// RFC 6901 JSON pointer text.
enum JSONPointer {
    /// Escapes one reference token: `~` → `~0`, `/` → `~1`.
    static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Undoes ``escape(_:)``.
    static func unescape(_ token: String) -> String {
        guard token.contains("~") else { return token }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The pointer made of `tokens` (unescaped).
    static func render(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }
}
