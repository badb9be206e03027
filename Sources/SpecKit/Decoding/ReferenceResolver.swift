/// Resolves `$ref` strings to schema names.
///
/// A reference is `#/schemas/NAME` (same file) or `PATH#/schemas/NAME` (PATH relative to
/// the referring file). Schema names are one namespace across files, since each becomes a
/// Swift type; the resolver checks that the named file really defines the name.
struct ReferenceResolver {
    /// Schema names defined by each loaded file, keyed by normalised path.
    var namesByFile: [String: Set<String>] = [:]

    /// The schema name `reference` points at, or nil after a diagnostic.
    func resolve(_ reference: String, from file: String, at node: YAMLNode, diagnostics: inout DiagnosticCollector) -> String? {
        guard let parsed = Self.parse(reference) else {
            diagnostics.error("$ref '\(reference)' must look like '#/schemas/NAME' or 'FILE#/schemas/NAME'", at: node.location)
            return nil
        }
        let target = parsed.file.map { Self.path($0, relativeTo: file) } ?? file
        guard let names = namesByFile[target] else {
            diagnostics.error("$ref '\(reference)' names a file that could not be loaded", at: node.location)
            return nil
        }
        guard names.contains(parsed.name) else {
            diagnostics.error("$ref '\(reference)' names no schema\(Suggestion.clause(for: parsed.name, in: names))", at: node.location)
            return nil
        }
        return parsed.name
    }

    /// Splits a reference into its file part (nil for the same file) and schema name.
    static func parse(_ reference: String) -> (file: String?, name: String)? {
        guard let hash = reference.firstIndex(of: "#") else { return nil }
        let filePart = String(reference[..<hash])
        let pointer = reference[reference.index(after: hash)...]
        let prefix = "/schemas/"
        guard pointer.hasPrefix(prefix) else { return nil }
        let name = String(pointer.dropFirst(prefix.count))
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return (filePart.isEmpty ? nil : filePart, name)
    }

    /// `relative` resolved against the directory of `file`, with `.` and `..` removed.
    static func path(_ relative: String, relativeTo file: String) -> String {
        let base: [Substring]
        if relative.hasPrefix("/") {
            base = []
        } else {
            base = Array(file.split(separator: "/", omittingEmptySubsequences: false).dropLast())
        }
        return normalise(base + relative.split(separator: "/", omittingEmptySubsequences: false), absolute: relative.hasPrefix("/") || file.hasPrefix("/"))
    }

    /// A path with `.` and `..` components removed where possible.
    static func normalise(_ path: String) -> String {
        normalise(path.split(separator: "/", omittingEmptySubsequences: false), absolute: path.hasPrefix("/"))
    }

    private static func normalise(_ components: [Substring], absolute: Bool) -> String {
        var result: [Substring] = []
        for component in components where !component.isEmpty && component != "." {
            if component == "..", let last = result.last, last != ".." {
                result.removeLast()
            } else if component == "..", absolute {
                continue
            } else {
                result.append(component)
            }
        }
        let joined = result.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
