import ArgumentParser
import CodeGen
import Foundation
import SpecKit

/// `spec-codegen generate --output DIR SPEC…`: writes the generated Swift files.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate the Swift client, models and compiled spec from spec files.",
        discussion: "Writes \(Generator.fileNames.joined(separator: ", ")) into the output directory. A file whose contents are unchanged is not rewritten."
    )

    @Option(name: .shortAndLong, help: "The directory to write the Swift files into (created if missing).")
    var output: String

    @Argument(help: "The spec files (files they reference by $ref are read too).")
    var specs: [String]

    func run() throws {
        let spec = try loadSpecOrExit(specs)
        let directory = URL(fileURLWithPath: output, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in Generator.generate(spec) {
                let url = directory.appendingPathComponent(file.name)
                let data = Data(file.contents.utf8)
                if FileManager.default.contents(atPath: url.path) != data {
                    try data.write(to: url, options: .atomic)
                }
            }
        } catch {
            printToStandardError("spec-codegen: cannot write to \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
