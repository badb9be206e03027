import CodeGen

extension [String: String] {
    /// The generated parts named `prefix` (`Models` for `Models1.swift` … `Models4.swift`),
    /// in order, as one text: all the models, or all the operations.
    func joinedParts(_ prefix: String) -> String {
        (1...CodeGen.Generator.partCount).map { self["\(prefix)\($0).swift"] ?? "" }.joined()
    }
}

extension [GeneratedFile] {
    /// The generated files by name.
    var byName: [String: String] {
        Dictionary(uniqueKeysWithValues: map { ($0.name, $0.contents) })
    }
}
