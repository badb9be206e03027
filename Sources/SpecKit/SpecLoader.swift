import Foundation

/// Loads spec files into a validated `Spec`, or every problem found, sorted by position.
///
/// Files named by a cross-file `$ref` are loaded too. Loading never traps: a missing file,
/// bad YAML or a bad spec is a diagnostic.
public struct SpecLoader: Sendable {
    public var yaml: YAMLLoader

    /// Creates a loader with the given YAML limits.
    public init(yaml: YAMLLoader = YAMLLoader()) {
        self.yaml = yaml
    }

    /// Loads `paths` and the files they reference. What is questionable but not wrong is in
    /// the spec's `warnings`.
    /// - Throws: `SpecError` with every diagnostic when any error is found.
    public func load(paths: [String]) throws(SpecError) -> Spec {
        try load(paths) { path, diagnostics in read(path, diagnostics: &diagnostics) }
    }

    /// Loads one spec given as text (for tests and tools), naming it `path` in diagnostics;
    /// files it references are read from disk relative to `path`.
    public func load(text: String, path: String) throws(SpecError) -> Spec {
        let main = ReferenceResolver.normalise(path)
        return try load([main]) { file, diagnostics in
            file == main ? parse(text, path: file, diagnostics: &diagnostics).map { ($0, text.utf8.count) } : read(file, diagnostics: &diagnostics)
        }
    }

    /// Loads one spec given as the bytes of a file (for fuzzing and tests), naming it `path`
    /// in diagnostics, exactly as `load(paths:)` would if `path` held these bytes: bytes that
    /// are not UTF-8 are a diagnostic at the first bad one. Files it references are read from
    /// disk relative to `path`.
    func load(data: Data, path: String) throws(SpecError) -> Spec {
        let main = ReferenceResolver.normalise(path)
        return try load([main]) { file, diagnostics in
            file == main ? parse(data, path: file, diagnostics: &diagnostics).map { ($0, data.count) } : read(file, diagnostics: &diagnostics)
        }
    }

    /// - Parameter source: A file's YAML tree and its size in bytes, or nil (with a diagnostic).
    private func load(_ paths: [String], source: (String, inout DiagnosticCollector) -> (YAMLNode, Int)?) throws(SpecError) -> Spec {
        var diagnostics = DiagnosticCollector()
        var roots: [(path: String, root: YAMLNode)] = []
        var files: [SpecFile] = []
        var queue = paths.map(ReferenceResolver.normalise)
        var seen = Set<String>()
        var resolver = ReferenceResolver()
        while !queue.isEmpty {
            let path = queue.removeFirst()
            guard seen.insert(path).inserted, let (root, byteCount) = source(path, &diagnostics) else { continue }
            roots.append((path, root))
            files.append(SpecFile(path: path, byteCount: byteCount))
            resolver.namesByFile[path] = Self.schemaNames(in: root)
            for reference in Self.references(in: root) {
                if let file = ReferenceResolver.parse(reference)?.file {
                    queue.append(ReferenceResolver.path(file, relativeTo: path))
                }
            }
        }
        let recorder = LocationRecorder()
        let decoded = roots.map { FileDecoder(path: $0.path, resolver: resolver, recorder: recorder).decode($0.root, diagnostics: &diagnostics) }
        guard var spec = SpecAssembler.assemble(decoded, locations: recorder.locations, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            throw SpecError(diagnostics: diagnostics.sorted)
        }
        spec.files = files
        spec.warnings = SpecWarnings.of(spec)
        return spec
    }

    private func read(_ path: String, diagnostics: inout DiagnosticCollector) -> (YAMLNode, Int)? {
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("cannot read the file", at: start)
            return nil
        }
        return parse(data, path: path, diagnostics: &diagnostics).map { ($0, data.count) }
    }

    /// The YAML tree of a file's bytes; bytes that are not UTF-8 are a diagnostic at the first bad one.
    private func parse(_ data: Data, path: String, diagnostics: inout DiagnosticCollector) -> YAMLNode? {
        guard let text = String(data: data, encoding: .utf8) else {
            let start = SourceLocation(file: path, line: 1, column: 1)
            diagnostics.error("the file is not valid UTF-8", at: SourceLocation.firstInvalidUTF8(in: data, file: path) ?? start)
            return nil
        }
        return parse(text, path: path, diagnostics: &diagnostics)
    }

    private func parse(_ text: String, path: String, diagnostics: inout DiagnosticCollector) -> YAMLNode? {
        let (root, problems) = yaml.load(text, file: path)
        diagnostics.append(contentsOf: problems)
        return root
    }

    /// The keys of the top-level `schemas` mapping.
    static func schemaNames(in root: YAMLNode) -> Set<String> {
        guard case let .mapping(pairs) = root.content,
            let schemas = pairs.first(where: { $0.key.scalar == "schemas" })?.value,
            case let .mapping(entries) = schemas.content
        else { return [] }
        return Set(entries.compactMap(\.key.scalar))
    }

    /// Every `$ref` string in the tree (depth is bounded by the YAML loader).
    static func references(in node: YAMLNode) -> [String] {
        switch node.content {
        case .scalar: return []
        case let .sequence(items): return items.flatMap(references)
        case let .mapping(pairs):
            return pairs.flatMap { pair in
                pair.key.scalar == "$ref" ? (pair.value.scalar.map { [$0] } ?? []) : references(in: pair.value)
            }
        }
    }
}
