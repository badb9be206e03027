import Foundation

/// `spec-codegen`: checks specs and generates Swift from them.
///
/// It reads its own command line (``Invocation``) rather than using swift-argument-parser:
/// the build-tool plugin runs it, so it is built before any generated code in every package
/// that uses the plugin, and a dependency of its would be on that critical path.
@main
enum SpecCodegen {
    static var subcommands: [any Subcommand.Type] { [Check.self, Generate.self, OpenAPI.self] }

    static func main() {
        do {
            switch try Invocation.parse(Array(CommandLine.arguments.dropFirst()), subcommands: subcommands) {
            case let .help(text):
                print(text, terminator: "")
            case let .run(subcommand):
                try subcommand.run()
            }
        } catch let error as UsageError {
            printToStandardError(error.text, terminator: "")
            exit(64)
        } catch is CommandFailed {
            exit(1)
        } catch {
            printToStandardError("spec-codegen: error: \(error)")
            exit(1)
        }
    }
}
