/// What one subcommand of `spec-codegen` accepts, and the words its help gives it.
///
/// Every subcommand takes spec files as its arguments and at most one option, `--output`.
struct CommandSyntax: Sendable {
    /// The `--output` (`-o`) option.
    struct OutputOption: Sendable {
        /// How the help names its value: `directory`, `file`.
        let valueName: String
        let help: String
        let isRequired: Bool
    }

    let name: String
    /// One line for the overview.
    let abstract: String
    /// More, for the subcommand's own help.
    let discussion: String?
    let output: OutputOption?
    /// What the spec files are, for the subcommand's own help.
    let specsHelp: String

    /// `spec-codegen NAME …` as the usage line spells it.
    var usage: String {
        var words = ["spec-codegen", name]
        if let output {
            let option = "--output <\(output.valueName)>"
            words.append(output.isRequired ? option : "[\(option)]")
        }
        words.append("<spec> ...")
        return words.joined(separator: " ")
    }

    /// The subcommand's help, as `spec-codegen NAME --help` prints it.
    var help: String {
        var lines = ["OVERVIEW: \(abstract)", ""]
        if let discussion { lines += Self.wrap(discussion, width: Self.width) + [""] }
        lines += ["USAGE: \(usage)", "", "ARGUMENTS:", Self.entry("<spec> ...", specsHelp), "", "OPTIONS:"]
        if let output { lines.append(Self.entry("-o, --output <\(output.valueName)>", output.help)) }
        lines.append(Self.entry("-h, --help", "Show help information."))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The width help text is wrapped to.
    static let width = 80

    /// `  NAME   TEXT`, the text wrapped in a column of its own (starting on the next line
    /// after a long name).
    static func entry(_ name: String, _ text: String) -> String {
        let column = 26
        let indent = String(repeating: " ", count: column)
        let label = "  " + name
        var lines = wrap(text, width: width - column).map { indent + $0 }
        if label.count < column - 1, !lines.isEmpty {
            lines[0] = label + lines[0].dropFirst(label.count)
        } else {
            lines.insert(label, at: 0)
        }
        return lines.joined(separator: "\n")
    }

    /// `text`'s words in lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += line.isEmpty ? word : " " + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
