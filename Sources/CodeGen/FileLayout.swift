/// Which generated file each declaration goes in.
///
/// One file per spec file, named after it as swift-protobuf names its files
/// (`customers.yaml` → `customers.spec.swift`: a name no hand-written file of the target is
/// likely to have, which SwiftPM would refuse), holding the models of the schemas and the
/// methods of the operations that file defines, so that a diff of the generated code follows
/// a diff of the spec. A spec file of more than 16 KiB is dealt into parts
/// (`big.1.spec.swift`, `big.2.spec.swift`…, one more per 16 KiB begun, at most 8) that a
/// build compiles side by side; each declaration's part is fixed by a hash of its name, so
/// adding one never moves another. Beside them, always: `Client.swift` and `CompiledSpec.swift`.
///
/// The build-tool plugin declares these names before the spec is read, from the spec files'
/// names and sizes alone: `Plugins/SpecCodegenPlugin` states the same rule, and a build
/// through the plugin fails if the two differ.
public enum FileLayout {
    /// The files every generation writes, whatever the spec holds.
    public static let fixedFileNames = ["Client.swift", "CompiledSpec.swift"]

    /// The most parts one spec file is dealt into.
    public static let maximumParts = 8

    /// The bytes of spec per part.
    public static let bytesPerPart = 16_384

    /// The files the spec files (`path`, `byteCount`) generate, in order: the fixed files,
    /// then each spec file's part or parts, in the order given.
    public static func fileNames(for specFiles: [(path: String, byteCount: Int)]) -> [String] {
        fixedFileNames + specFiles.flatMap { fileNames(forSpecFile: $0.path, byteCount: $0.byteCount) }
    }

    /// The file or files one spec file generates.
    public static func fileNames(forSpecFile path: String, byteCount: Int) -> [String] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
        let parts = partCount(byteCount: byteCount)
        return parts == 1 ? [stem + ".spec.swift"] : (1...parts).map { "\(stem).\($0).spec.swift" }
    }

    /// How many parts a spec file of `byteCount` bytes is dealt into.
    public static func partCount(byteCount: Int) -> Int {
        min(maximumParts, 1 + max(0, byteCount) / bytesPerPart)
    }

    /// The part (from 0) of `count` that the declaration named `name` goes in: FNV-1a of its
    /// UTF-8 bytes, so the same on every machine and in every run.
    static func part(of name: String, among count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int(hash % UInt32(max(count, 1)))
    }
}
