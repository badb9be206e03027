import SpecKit

/// One generated Swift file.
public struct GeneratedFile: Sendable, Hashable {
    /// The file name, e.g. `Models.swift`.
    public var name: String
    /// The Swift source.
    public var contents: String
}

/// Turns a validated spec into Swift source, byte for byte the same for the same spec.
///
/// Translate (names, types, arguments) then render (one renderer per construct, one printer).
public enum Generator {
    /// Into how many files the models, and the operations, are split: files a build can
    /// compile side by side (SwiftPM hands a module's files to one compiler job per core), of
    /// a fixed number whatever the spec holds.
    public static let partCount = 4

    /// The files `generate` writes, always these, whatever the spec holds (the build-tool
    /// plugin declares them as outputs before the spec is read).
    public static let fileNames = ["Client.swift", "CompiledSpec.swift"]
        + (1...partCount).map { "Models\($0).swift" } + (1...partCount).map { "Operations\($0).swift" }

    /// Generates the client, models, operations and compiled spec for `spec`: the files of
    /// ``fileNames``, in that order.
    public static func generate(_ spec: Spec) -> [GeneratedFile] {
        var files: [GeneratedFile] = []
        generate(spec) { files.append($0) }
        return files
    }

    /// Generates the files of ``generate(_:)``, handing each to `write` as soon as it is made
    /// and letting it go after, so that a large spec's output (tens of megabytes) is never
    /// all in memory at once.
    public static func generate(_ spec: Spec, into write: (GeneratedFile) throws -> Void) rethrows {
        let client = ClientRenderer(spec: spec)
        var clientFile = header(imports: ["APIRuntime", "Foundation"])
        client.render(into: &clientFile)
        try write(GeneratedFile(name: "Client.swift", contents: clientFile.text))

        var document = header(imports: [])
        DocumentRenderer(typeName: client.documentTypeName).render(DocumentTranslator.document(for: spec), into: &document)
        try write(GeneratedFile(name: "CompiledSpec.swift", contents: document.text))

        // Each schema's declarations, printed apart, then dealt into the parts in order.
        let types = TypeTranslator(spec: spec, reservedTypeNames: client.declaredTypeNames)
        let schemas = spec.schemas.map { named in
            var printer = CodePrinter()
            for declaration in types.declarations(for: named) {
                ModelRenderer().render(declaration, into: &printer)
            }
            return printer.text
        }
        try deal(consume schemas) { part, number in
            // Foundation for `Decimal`, the type of a `format: decimal` value.
            var file = header(imports: ["APIRuntime", "Foundation"])
            file.append(part, separator: "\n")
            try write(GeneratedFile(name: "Models\(number).swift", contents: file.text))
        }

        var translator = OperationTranslator(types: types, reservedTypeNames: client.declaredTypeNames)
        let declarations = spec.operations.map { translator.declaration(for: $0) }
        let methods = declarations.map { declaration in
            var printer = CodePrinter()
            printer.indent {
                OperationRenderer().render(declaration, into: &$0)
            }
            return printer.text
        }
        let parameterTypes = declarations.flatMap(\.parameterTypes).map { declaration in
            var printer = CodePrinter()
            ModelRenderer().render(declaration, into: &printer)
            return printer.text
        }
        try deal(consume methods) { part, number in
            var file = header(imports: ["APIRuntime", "Foundation"])
            file.line("extension \(client.clientName) {")
            file.append(part, separator: "\n")
            file.line("}")
            // The types of the operations' parameters go with the last part.
            if number == partCount {
                for type in parameterTypes {
                    file.line()
                    file.append(type)
                }
            }
            try write(GeneratedFile(name: "Operations\(number).swift", contents: file.text))
        }
    }

    /// Deals `items` (printed declarations) into ``partCount`` runs of about the same number
    /// of lines, in order (a part may be empty), and hands each run to `part` with its
    /// number, from 1. Each item is let go once its part is made: the printed declarations
    /// of a large spec are tens of megabytes, never held twice.
    static func deal(_ items: consuming [String], into part: (ArraySlice<String>, _ number: Int) throws -> Void) rethrows {
        var start = 0
        for (index, end) in partEnds(lineCounts: items.map(lineCount)).enumerated() {
            try part(items[start..<end], index + 1)
            for position in start..<end { items[position] = "" }
            start = end
        }
    }

    /// Where each part's run of items ends, for items of these line counts: an item goes to
    /// the part its middle line falls in.
    static func partEnds(lineCounts: [Int]) -> [Int] {
        let total = max(lineCounts.reduce(0, +), 1)
        var ends = [Int](repeating: 0, count: partCount)
        var linesBefore = 0
        for (index, count) in lineCounts.enumerated() {
            let part = min(partCount - 1, (linesBefore + count / 2) * partCount / total)
            ends[part] = index + 1
            linesBefore += count
        }
        // An empty part ends where the one before it does.
        for part in ends.indices.dropFirst() { ends[part] = max(ends[part], ends[part - 1]) }
        return ends
    }

    private static func lineCount(_ text: String) -> Int {
        text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// The first line of every generated file.
    public static let header = "// Generated by spec-codegen from the API spec. Do not edit: edit the spec instead.\n"

    private static func header(imports: [String]) -> CodePrinter {
        var printer = CodePrinter()
        printer.append(header)
        if !imports.isEmpty { printer.line() }
        for module in imports { printer.line("import \(module)") }
        printer.line()
        return printer
    }
}
