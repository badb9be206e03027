import ArgumentParser

/// `spec-codegen`: checks specs and generates Swift from them.
@main
struct SpecCodegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec-codegen",
        abstract: "Check a YAML API spec and generate a typed Swift client from it.",
        subcommands: [Check.self, Generate.self, OpenAPI.self]
    )
}
