/// A subcommand of `spec-codegen`: its syntax, and how it runs once its command line is read.
protocol Subcommand {
    static var syntax: CommandSyntax { get }

    /// The subcommand with the spec files and the `--output` value its command line gave.
    init(specs: [String], output: String?) throws

    /// Does the work; throws ``CommandFailed`` once what went wrong is printed.
    func run() throws
}

/// A command line `spec-codegen` cannot run: printed with its usage, exit status 64.
struct UsageError: Error {
    let message: String
    /// The usage line of the subcommand it concerns (or of `spec-codegen` itself).
    let usage: String
    /// Where more help is: `spec-codegen --help`, `spec-codegen check --help`.
    let helpCommand: String

    init(_ message: String, of syntax: CommandSyntax?) {
        self.message = message
        usage = syntax?.usage ?? "spec-codegen <subcommand>"
        helpCommand = syntax.map { "spec-codegen \($0.name) --help" } ?? "spec-codegen --help"
    }

    /// What standard error shows.
    var text: String {
        "spec-codegen: error: \(message)\nUsage: \(usage)\n  See '\(helpCommand)' for more information.\n"
    }
}

/// The subcommand printed what went wrong; the exit status is 1.
struct CommandFailed: Error {}

/// What a `spec-codegen` command line asks for.
enum Invocation {
    /// Print this help and exit 0.
    case help(String)
    /// Run this subcommand.
    case run(any Subcommand)

    /// Reads `arguments` (without the program name) for the given subcommands.
    ///
    /// Accepts `-h`/`--help` (or `help [SUBCOMMAND]`), then per subcommand `--output VALUE`,
    /// `-o VALUE` or `--output=VALUE` where it has that option, and spec files; after `--`
    /// everything is a spec file.
    /// - Throws: ``UsageError`` for a command line that names no known subcommand or option,
    ///   gives an option twice or without its value, or gives no spec files.
    static func parse(_ arguments: [String], subcommands: [any Subcommand.Type]) throws -> Invocation {
        let overview = overview(of: subcommands.map { $0.syntax })
        guard let first = arguments.first, first != "-h", first != "--help" else { return .help(overview) }
        if first == "help" {
            guard arguments.count > 1 else { return .help(overview) }
            guard arguments.count == 2, let type = subcommands.first(where: { $0.syntax.name == arguments[1] }) else {
                throw UsageError("unknown subcommand '\(arguments.dropFirst().joined(separator: " "))'", of: nil)
            }
            return .help(type.syntax.help)
        }
        guard let type = subcommands.first(where: { $0.syntax.name == first }) else {
            let what = first.hasPrefix("-") ? "unknown option" : "unknown subcommand"
            throw UsageError("\(what) '\(first)'", of: nil)
        }
        let syntax = type.syntax
        var specs: [String] = []
        var output: String?
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--":
                specs += rest
                rest = []
            case "-h", "--help":
                return .help(syntax.help)
            case "-o", "--output":
                guard let value = rest.popFirst() else { throw UsageError("missing the value of '\(argument)'", of: syntax) }
                try set(&output, to: value, option: argument, of: syntax)
            case let option where option.hasPrefix("--output="):
                try set(&output, to: String(option.dropFirst("--output=".count)), option: "--output", of: syntax)
            case let option where option.hasPrefix("-") && option != "-":
                throw UsageError("unknown option '\(option)'", of: syntax)
            default:
                specs.append(argument)
            }
        }
        guard !specs.isEmpty else { throw UsageError("missing the spec files", of: syntax) }
        let subcommand: any Subcommand = try type.init(specs: specs, output: output)
        return .run(subcommand)
    }

    private static func set(_ output: inout String?, to value: String, option: String, of syntax: CommandSyntax) throws {
        guard syntax.output != nil else { throw UsageError("unknown option '\(option)'", of: syntax) }
        guard output == nil else { throw UsageError("'--output' is given twice", of: syntax) }
        guard !value.isEmpty else { throw UsageError("the value of '\(option)' is empty", of: syntax) }
        output = value
    }

    /// `spec-codegen --help`.
    static func overview(of subcommands: [CommandSyntax]) -> String {
        var lines = [
            "OVERVIEW: Check a YAML API spec and generate a typed Swift client from it.", "",
            "USAGE: spec-codegen <subcommand>", "",
            "OPTIONS:", CommandSyntax.entry("-h, --help", "Show help information."), "",
            "SUBCOMMANDS:",
        ]
        lines += subcommands.map { CommandSyntax.entry($0.name, $0.abstract) }
        lines += ["", "  See 'spec-codegen help <subcommand>' for detailed help."]
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CommandSyntax {
    /// The `--output` value, which this subcommand requires.
    func required(_ output: String?) throws -> String {
        guard let output else { throw UsageError("missing '--output <\(self.output?.valueName ?? "value")>'", of: self) }
        return output
    }
}
