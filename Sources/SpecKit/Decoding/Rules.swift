/// Names that become Swift identifiers: operation ids, schema names, argument names.
enum Identifiers {
    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
    }
}

/// HTTP header syntax (RFC 9110).
enum HeaderRules {
    private static let tokenSymbols = Set("!#$%&'*+-.^_`|~".unicodeScalars)

    /// A header name is a non-empty token.
    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || tokenSymbols.contains($0) }
    }

    /// A header value holds no control character but tab (so no CR, LF or NUL).
    static func isValidValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }
    }
}

/// Media types (RFC 6838): `type/subtype`, each a token.
enum MediaTypes {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { HeaderRules.isValidName(String($0)) }
    }

    /// `application/json` or a `+json` type.
    static func isJSON(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered == "application/json" || lowered.hasSuffix("+json")
    }
}

/// The `{name}` placeholders of a path template.
enum PathTemplate {
    /// The placeholder names in order, or nil when braces do not pair up.
    static func placeholders(in path: String) -> [String]? {
        var names: [String] = []
        var current: String?
        for character in path {
            switch (character, current) {
            case ("{", nil): current = ""
            case ("}", let name?):
                guard !name.isEmpty else { return nil }
                names.append(name)
                current = nil
            case ("{", _), ("}", nil): return nil
            case (_, let name?): current = name + String(character)
            default: break
            }
        }
        return current == nil ? names : nil
    }

    /// Reports placeholders without a path parameter and path parameters without a placeholder
    /// (at its name, in `keys`).
    static func check(
        _ path: String, at node: YAMLNode, parameters: [ParameterDescription], keys: [String: SourceLocation], diagnostics: inout DiagnosticCollector
    ) {
        guard let names = placeholders(in: path) else {
            diagnostics.error("path '\(path)' has unbalanced or empty braces", at: node.location)
            return
        }
        let declared = parameters.filter { $0.location == .path }.map(\.name)
        for name in names where !declared.contains(name) {
            diagnostics.error("path '\(path)' uses '{\(name)}' but declares no path parameter '\(name)'", at: node.location)
        }
        for parameter in parameters where parameter.location == .path && !names.contains(parameter.name) {
            diagnostics.error("path parameter '\(parameter.name)' does not appear in path '\(path)'", at: keys[parameter.name] ?? node.location)
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
