import CodeGen
import Foundation
import SpecKit

/// `spec-codegen openapi SPEC… [--output FILE]`: the spec as an OpenAPI 3.1 document.
struct OpenAPI: Subcommand {
    static let syntax = CommandSyntax(
        name: "openapi",
        abstract: "Export the spec as an OpenAPI 3.1 document (JSON).",
        discussion: nil,
        output: .init(valueName: "file", help: "The file to write (default: standard output).", isRequired: false),
        specsHelp: "The spec files (files they reference by $ref are read too)."
    )

    let output: String?
    let specs: [String]

    init(specs: [String], output: String?) {
        self.output = output
        self.specs = specs
    }

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
            throw CommandFailed()
        }
    }
}
