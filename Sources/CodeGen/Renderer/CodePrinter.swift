/// Accumulates Swift source with indentation managed in one place.
struct CodePrinter {
    private(set) var text = ""
    /// The current indentation: four spaces per level.
    private(set) var indentation = ""

    /// Writes one line at the current indentation (an empty line stays empty).
    mutating func line(_ content: String = "") {
        if !content.isEmpty {
            text += indentation
            text += content
        }
        text += "\n"
    }

    /// Writes each line.
    mutating func lines(_ contents: [String]) {
        for content in contents { line(content) }
    }

    /// Writes `opening`, the body one level deeper, then `}`.
    mutating func block(_ opening: String, _ body: (inout CodePrinter) -> Void) {
        line(opening)
        indent(body)
        line("}")
    }

    /// Writes `body` one level deeper.
    mutating func indent(_ body: (inout CodePrinter) -> Void) {
        indentation += "    "
        body(&self)
        indentation.removeLast(4)
    }

    /// Writes source another printer made, as it is.
    mutating func append(_ printed: String) {
        text += printed
    }

    /// Writes each of `printed` as it is, `separator` between two; with room made for all
    /// of it first (a part of a large spec's models is megabytes, grown once, not doubled).
    mutating func append(_ printed: some Collection<String>, separator: String) {
        text.reserveCapacity(text.utf8.count + printed.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
        for (index, item) in printed.enumerated() {
            if index > 0 { text += separator }
            text += item
        }
    }
}
