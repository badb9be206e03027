import CodeGen
import Foundation
import SpecKit

/// `spec-codegen generate --output DIR SPEC…`: writes the generated Swift files.
struct Generate: Subcommand {
    static let syntax = CommandSyntax(
        name: "generate",
        abstract: "Generate the Swift client, models and compiled spec from spec files.",
        discussion: """
            Writes \(FileLayout.fixedFileNames.joined(separator: " and ")) into the output directory, and one file per spec \
            file named after it (customers.yaml: customers.spec.swift) with the models and methods it defines; a spec \
            file over \(FileLayout.bytesPerPart / 1024) KiB is dealt into parts (big.1.spec.swift, big.2.spec.swift…) by a \
            hash of each declaration's name. A file whose contents are unchanged is not rewritten; a Swift file an earlier version \
            generated there under another name is removed.
            """,
        output: .init(valueName: "directory", help: "The directory to write the Swift files into (created if missing).", isRequired: true),
        specsHelp: "The spec files (files they reference by $ref are read too)."
    )

    let output: String
    let specs: [String]

    init(specs: [String], output: String?) throws {
        self.output = try Self.syntax.required(output)
        self.specs = specs
    }

    func run() throws {
        let spec = try loadSpecOrExit(specs)
        try checkFileNamesAreDistinct(spec)
        let directory = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            // Each file is written as it is made (a large spec's output is never all in memory).
            var names = Set<String>()
            try Generator.generate(spec) { file in
                names.insert(file.name)
                let url = directory.appendingPathComponent(file.name)
                let data = Data(file.contents.utf8)
                if FileManager.default.contents(atPath: url.path) != data {
                    try data.write(to: url, options: .atomic)
                }
            }
            try removeStaleFiles(in: directory, keeping: names)
        } catch {
            printToStandardError("spec-codegen: cannot write to \(output): \(error.localizedDescription)")
            throw CommandFailed()
        }
    }

    /// Fails when two spec files would write the same Swift file (`a-b.yaml` and `a_b.yaml`).
    private func checkFileNamesAreDistinct(_ spec: Spec) throws {
        var writer: [String: String] = [:]
        for file in spec.files {
            for name in FileLayout.fileNames(forSpecFile: file.path, byteCount: file.byteCount) {
                if let other = writer.updateValue(file.path, forKey: name) {
                    printToStandardError("spec-codegen: error: \(other) and \(file.path) would both generate \(name); rename one of them")
                    throw CommandFailed()
                }
            }
        }
    }

    /// Removes the Swift files in `directory` that a spec-codegen wrote (they start with its
    /// header) and this one no longer writes (`Models1.swift` before one file per spec file),
    /// so that a folder compiled whole never holds two copies of a declaration.
    private func removeStaleFiles(in directory: URL, keeping names: Set<String>) throws {
        let header = Data(Generator.header.utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasSuffix(".swift") && !names.contains(name) {
            let url = directory.appendingPathComponent(name)
            guard let handle = try? FileHandle(forReadingFrom: url) else { continue }
            let start = try handle.read(upToCount: header.count)
            try handle.close()
            if start == header { try FileManager.default.removeItem(at: url) }
        }
    }
}
