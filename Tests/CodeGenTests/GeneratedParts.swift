import CodeGen

extension [String: String] {
    /// The text of the files generated for the spec files (every file but the client and
    /// the compiled spec), in name order: all the models and methods.
    var specFilesText: String {
        keys.filter { !FileLayout.fixedFileNames.contains($0) }.sorted().map { self[$0] ?? "" }.joined()
    }
}

extension [GeneratedFile] {
    /// The generated files by name.
    var byName: [String: String] {
        Dictionary(uniqueKeysWithValues: map { ($0.name, $0.contents) })
    }
}
