import ArgumentParser
import CodeGen
import Foundation
import SpecKit

/// `spec-codegen openapi SPEC… [--output FILE]`: the spec as an OpenAPI 3.1 document.
struct OpenAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Export the spec as an OpenAPI 3.1 document (JSON)."
    )

    @Option(name: .shortAndLong, help: "The file to write (default: standard output).")
    var output: String?

    @Argument(help: "The spec files (files they reference by $ref are read too).")
    var specs: [String]

    func run() throws {
        let spec = try loadSpecOrExit(specs)
        let text = OpenAPITranslator.document(for: spec).prettyJSON()
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            printToStandardError("spec-codegen: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
    }
}
