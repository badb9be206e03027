import SpecKit

/// Prints the compiled spec as pretty JSON inside a Swift multi-line string literal.
struct DocumentRenderer {
    let typeName: String

    func render(_ document: SpecValue, into printer: inout CodePrinter) {
        printer.line("/// The compiled spec, read once by `APIDocument`.")
        printer.block("enum \(typeName) {") { body in
            body.line("static let json = \"\"\"")
            for line in document.prettyJSONLines {
                body.line(SwiftLiteral.escaped(line))
            }
            body.line("\"\"\"")
        }
    }
}
