import Foundation

/// The compiler arguments that let a `swiftc` run outside SwiftPM import a module the package
/// built: its `Modules` folder, and the module maps and header folders of the C modules the
/// build passed along.
///
/// `-I Modules` alone is enough for a module whose dependencies are all Swift; a build with
/// the package's traits adds C dependencies (SwiftNIO's `CNIOAtomics`, `CNIOLinux`, …), whose
/// module maps a `swiftc` run must be told about, exactly as SwiftPM tells its own. They are
/// read from the build's manifest (`<scratch path>/<configuration>.yaml`), from the arguments
/// SwiftPM compiled the module with.
public enum ModuleImportArguments {
    /// The arguments for importing `module` from `productsDirectory` (where the build put its
    /// products, e.g. `.build/x86_64-unknown-linux-gnu/debug`): `-I` and `-Xcc` search
    /// arguments of the module's own compilation when the manifest has it, else `-I Modules`.
    public static func forImporting(_ module: String, productsDirectory: URL) -> [String] {
        let fallback = ["-I", productsDirectory.appendingPathComponent("Modules").path]
        guard let compilation = compilationArguments(of: module, productsDirectory: productsDirectory) else { return fallback }
        let search = searchArguments(in: compilation)
        return search.isEmpty ? fallback : search
    }

    /// From a compilation's arguments, the ones that say where modules and headers are.
    static func searchArguments(in arguments: [String]) -> [String] {
        var search: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            let next = index + 1 < arguments.endIndex ? arguments[index + 1] : nil
            if argument == "-I", let next {
                search += [argument, next]
                index += 2
            } else if argument == "-Xcc", let next,
                      next.hasPrefix("-fmodule-map-file=") || next.hasPrefix("-I") || next == "-isystem" {
                search += [argument, next]
                index += 2
                // `-Xcc -I -Xcc path` and `-Xcc -isystem -Xcc path` carry the folder in a pair of their own.
                if next == "-I" || next == "-isystem", index + 1 < arguments.endIndex, arguments[index] == "-Xcc" {
                    search += [arguments[index], arguments[index + 1]]
                    index += 2
                }
            } else {
                index += 1
            }
        }
        return search
    }

    /// The arguments SwiftPM compiled `module` with, from the build manifest beside the
    /// products, or nil when there is no manifest or it does not compile the module.
    private static func compilationArguments(of module: String, productsDirectory: URL) -> [String]? {
        let products = productsDirectory.resolvingSymlinksInPath()
        // …/<scratch>/<triple>/<configuration> → …/<scratch>/<configuration>.yaml
        let scratch = products.deletingLastPathComponent().deletingLastPathComponent()
        let manifest = scratch.appendingPathComponent(products.lastPathComponent + ".yaml")
        guard let text = try? String(contentsOf: manifest, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let description = "description: \"Compiling Swift Module '\(module)'"
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(description) }) else { return nil }
        // The command's `args:` follows its description, as one JSON-compatible array.
        for line in lines[start...].dropFirst().prefix(8) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("args: ") else { continue }
            let array = Data(trimmed.dropFirst("args: ".count).utf8)
            return (try? JSONSerialization.jsonObject(with: array)) as? [String]
        }
        return nil
    }
}
