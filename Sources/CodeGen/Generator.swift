import SpecKit

/// One generated Swift file.
public struct GeneratedFile: Sendable, Hashable {
    /// The file name, e.g. `customers.spec.swift`.
    public var name: String
    /// The Swift source.
    public var contents: String
}

/// Turns a validated spec into Swift source, byte for byte the same for the same spec.
///
/// Translate (names, types, arguments) then render (one renderer per construct, one printer).
public enum Generator {
    /// The files `generate` writes for `spec`, in the order it writes them (``FileLayout``).
    public static func fileNames(for spec: Spec) -> [String] {
        FileLayout.fileNames(for: specFiles(of: spec))
    }

    /// Generates the client, models, operations and compiled spec for `spec`: the files of
    /// ``fileNames(for:)``, in that order.
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

        // Translated in spec order (names are given in that order), then each spec file's
        // declarations printed into its files.
        let types = TypeTranslator(spec: spec, reservedTypeNames: client.declaredTypeNames)
        var translator = OperationTranslator(types: types, reservedTypeNames: client.declaredTypeNames)
        let operations = spec.operations.map { translator.declaration(for: $0) }
        let schemasByFile = Dictionary(grouping: spec.schemas.indices) { spec.location(ofSchema: spec.schemas[$0].name).file }
        let operationsByFile = Dictionary(grouping: spec.operations.indices) { spec.location(ofOperation: spec.operations[$0].id).file }
        for file in specFiles(of: spec) {
            let names = FileLayout.fileNames(forSpecFile: file.path, byteCount: file.byteCount)
            // Each declaration's part, decided once (grouping keeps spec order within a part).
            let schemas = Dictionary(grouping: (schemasByFile[file.path] ?? []).map { spec.schemas[$0] }) {
                FileLayout.part(of: $0.name, among: names.count)
            }
            let methods = Dictionary(grouping: (operationsByFile[file.path] ?? []).map { operations[$0] }) {
                FileLayout.part(of: $0.operationID, among: names.count)
            }
            for (part, name) in names.enumerated() {
                try write(GeneratedFile(
                    name: name,
                    contents: partText(schemas: schemas[part] ?? [], types: types, operations: methods[part] ?? [], clientName: client.clientName)
                ))
            }
        }
    }

    /// The spec's files with their sizes; for a spec made in memory, the files its
    /// declarations name (sized 0: one part each).
    static func specFiles(of spec: Spec) -> [(path: String, byteCount: Int)] {
        if !spec.files.isEmpty { return spec.files.map { ($0.path, $0.byteCount) } }
        var seen = Set<String>()
        let paths = (spec.schemas.map { spec.location(ofSchema: $0.name).file } + spec.operations.map { spec.location(ofOperation: $0.id).file }).filter { seen.insert($0).inserted }
        return paths.map { ($0, 0) }
    }

    /// One generated file of a spec file: the models of its schemas, the methods of its
    /// operations (an extension of the client) and the types of their parameters.
    private static func partText(schemas: [NamedSchema], types: TypeTranslator, operations: [OperationDeclaration], clientName: String) -> String {
        // Foundation for `Decimal`, the type of a `format: decimal` value.
        var file = header(imports: ["APIRuntime", "Foundation"])
        var first = true
        let separate: (inout CodePrinter) -> Void = { file in
            if !first { file.line() }
            first = false
        }
        for named in schemas {
            for declaration in types.declarations(for: named) {
                separate(&file)
                ModelRenderer().render(declaration, into: &file)
            }
        }
        if !operations.isEmpty {
            separate(&file)
            file.line("extension \(clientName) {")
            for (index, operation) in operations.enumerated() {
                if index > 0 { file.line() }
                file.indent { OperationRenderer().render(operation, into: &$0) }
            }
            file.line("}")
        }
        for type in operations.flatMap(\.parameterTypes) {
            separate(&file)
            ModelRenderer().render(type, into: &file)
        }
        return file.text
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
