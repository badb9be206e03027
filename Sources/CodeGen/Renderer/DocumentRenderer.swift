import SpecKit

/// Prints the compiled spec as JSON inside a raw Swift multi-line string literal: pretty,
/// with each container that fits in ``lineWidth`` columns on one line, and as it is (a raw
/// literal escapes nothing; ``SwiftLiteral/rawDelimiter(for:)`` picks the `#`s that keep
/// any spec text from ending it).
struct DocumentRenderer {
    let typeName: String

    /// The width of the literal's lines, its indentation included.
    static let lineWidth = 120

    func render(_ document: JSONValue, into printer: inout CodePrinter) {
        printer.line("/// The compiled spec, read once by `APIDocument`.")
        printer.block("enum \(typeName) {") { body in
            let json = document.prettyJSON(indent: body.indentation, lineWidth: Self.lineWidth)
            let delimiter = SwiftLiteral.rawDelimiter(for: json)
            body.line("static let json = \(delimiter)\"\"\"")
            body.append(json)
            body.line("\"\"\"\(delimiter)")
        }
    }
}
