import SpecKit

/// `spec-codegen check SPEC…`: prints every diagnostic; exits 1 when there is an error (a
/// warning alone leaves the status 0).
struct Check: Subcommand {
    static let syntax = CommandSyntax(
        name: "check",
        abstract: "Check spec files and print every problem as FILE:LINE:COLUMN: error: MESSAGE.",
        discussion: """
            Exits with status 0 when the spec is valid and 1 when it has errors. Warnings (an operation that uses a \
            deprecated schema) are printed as FILE:LINE:COLUMN: warning: MESSAGE and leave the status 0.
            """,
        output: nil,
        specsHelp: "The spec files (files they reference by $ref are checked too)."
    )

    let specs: [String]

    init(specs: [String], output: String?) {
        self.specs = specs
    }

    func run() throws {
        let spec = try loadSpecOrExit(specs)
        print("\(specs.joined(separator: ", ")): ok (\(Self.count(spec.operations.count, "operation")), \(Self.count(spec.schemas.count, "schema")))")
    }

    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }
}
