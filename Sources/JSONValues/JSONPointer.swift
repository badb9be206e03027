import Foundation

/// RFC 6901 JSON pointer text.
package enum JSONPointer {
    /// Escapes one reference token: `~` → `~0`, `/` → `~1`.
    package static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Undoes ``escape(_:)``.
    package static func unescape(_ token: String) -> String {
        guard token.contains("~") else { return token }
        return token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The pointer made of `tokens` (unescaped).
    package static func render(_ tokens: [String]) -> String {
        tokens.map { "/" + escape($0) }.joined()
    }
}
