import Foundation
import PackagePlugin

/// Generates a target's Swift client from YAML spec files at build time.
///
/// The spec files are the `*.yaml` files in the target's own folder when it has any,
/// otherwise those in the package's `spec/` folder.
///
/// Thin on purpose: it finds the spec files, runs `spec-codegen generate`, and declares the
/// spec files as inputs (so an edited spec regenerates on the next build) and the generated
/// files as outputs. All logic lives in `spec-codegen`.
@main
struct SpecCodegenPlugin: BuildToolPlugin {
    /// The files `spec-codegen generate` always writes (`Generator.fileNames`).
    static let generatedFiles = ["Client.swift", "CompiledSpec.swift"]
        + (1...4).map { "Models\($0).swift" } + (1...4).map { "Operations\($0).swift" }

    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let isSpec: (URL) -> Bool = { ["yaml", "yml"].contains($0.pathExtension) }
        let targetSpecs = (target as? SourceModuleTarget)?.sourceFiles.map(\.url).filter(isSpec) ?? []
        let specDirectory = context.package.directoryURL.appending(path: "spec")
        let specs = try (targetSpecs.isEmpty
            ? FileManager.default.contentsOfDirectory(at: specDirectory, includingPropertiesForKeys: nil).filter(isSpec)
            : targetSpecs).sorted { $0.path < $1.path }
        guard !specs.isEmpty else {
            throw PluginError.noSpecFiles(specDirectory.path)
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "Generated")
        return [
            .buildCommand(
                displayName: "Generating \(target.name) from \(specs.map(\.lastPathComponent).joined(separator: ", "))",
                executable: try context.tool(named: "spec-codegen").url,
                arguments: ["generate", "--output", output.path] + specs.map(\.path),
                inputFiles: specs,
                outputFiles: Self.generatedFiles.map { output.appending(path: $0) }
            )
        ]
    }
}

/// Why the plugin could not set up generation.
enum PluginError: Error, CustomStringConvertible {
    case noSpecFiles(String)

    var description: String {
        switch self {
        case let .noSpecFiles(directory): "no spec files (*.yaml) in \(directory)"
        }
    }
}
