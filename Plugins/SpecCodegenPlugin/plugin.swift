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
    /// The files `spec-codegen generate` writes for these spec files: CodeGen's `FileLayout`
    /// rule, stated again here because a plugin cannot use a library target. The client,
    /// the compiled spec, and per spec file one file named after it (`customers.yaml` →
    /// `customers.spec.swift`), or for a file over 16 KiB one part per 16 KiB begun (at
    /// most 8: `big.1.spec.swift`…). A build through the plugin fails if the two rules differ
    /// (a file written but not declared is not compiled).
    static func generatedFiles(for specs: [URL]) throws -> [String] {
        try ["Client.swift", "CompiledSpec.swift"] + specs.flatMap { spec in
            let bytes = try spec.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
            let parts = min(8, 1 + bytes / 16_384)
            let stem = spec.deletingPathExtension().lastPathComponent
            return parts == 1 ? [stem + ".spec.swift"] : (1...parts).map { "\(stem).\($0).spec.swift" }
        }
    }

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
                // Two spec files of one name (`a-b.yaml`, `a_b.yaml`) are listed once: spec-codegen
                // then fails with an error that names both.
                outputFiles: Array(Set(try Self.generatedFiles(for: specs))).sorted().map { output.appending(path: $0) }
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
