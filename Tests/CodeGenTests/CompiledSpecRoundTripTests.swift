import APIDescription
import APIRuntime
@testable import CodeGen
import Foundation
import SpecKit
import Testing

/// The compiled spec is written by CodeGen and read by the runtime. This reads each spec back
/// through the runtime's `APIDocument` and compares it with the spec it was generated from:
/// operations and schemas are one type from loader to runtime, so what is read back must be
/// equal to what was loaded (schemas without their annotations), and a key written under one
/// name and read under another (or not read at all) fails here.
@Suite struct CompiledSpecRoundTripTests {
    /// Partner Center's spec (every file of `spec/`) and the fixture specs the tests build.
    static let specs = [
        "spec", "Tests/Fixtures/HostileNames/hostile.yaml", "Tests/Fixtures/WriteShapes/writes.yaml", "Tests/CodeGenTests/Fixtures/minimal.yaml",
    ]

    @Test(arguments: specs)
    func theRuntimeReadsWhatTheGeneratorWrote(_ path: String) throws {
        let url = SourceTree.url(path)
        let paths = path.hasSuffix(".yaml")
            ? [url.path]
            : try FileManager.default.contentsOfDirectory(atPath: url.path).filter { $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0).path }
        try expectRoundTrip(try SpecLoader().load(paths: paths))
    }

    @Test(arguments: 0..<40)
    func randomSpecsRoundTrip(seed: UInt64) throws {
        let spec = try SpecLoader().load(text: RandomSpec.text(seed: seed), path: "/random/spec-\(seed).yaml")
        try expectRoundTrip(spec)
    }

    private func expectRoundTrip(_ spec: Spec) throws {
        let contents = try APIDocument(json: JSONWriter.string(from: DocumentTranslator.document(for: spec))).get()
        var differences: [String] = []
        if contents.api != spec.api { differences.append("api") }
        if Set(contents.apis.keys) != Set(spec.apis.map(\.name)) { differences.append("api names") }
        for api in spec.apis where contents.apis[api.name] != api {
            differences.append("\(api.name): read \(String(describing: contents.apis[api.name])), written from \(api)")
        }
        if Set(contents.operations.keys) != Set(spec.operations.map(\.id)) { differences.append("operation ids") }
        for operation in spec.operations {
            guard let read = contents.operations[operation.id] else { continue }
            differences += Self.differences(operation, read).map { "\(operation.id): \($0)" }
        }
        if Set(contents.schemas.names) != Set(spec.schemas.map(\.name)) { differences.append("schema names") }
        for named in spec.schemas {
            guard let read = contents.schemas[named.name] else { continue }
            differences += Self.differences(named.schema, read, at: "#/schemas/\(named.name)")
            // The schema's writer and reader are one key contract: what one writes, the other reads back.
            if (try? JSONSchema(json: read.json)) != read { differences.append("#/schemas/\(named.name): json does not read back") }
        }
        // The document's writer and reader are one key contract: what is read back writes the same JSON.
        let written = DocumentTranslator.compiled(spec).json
        if (try? CompiledDocument(json: written).json) != written { differences.append("the compiled document does not read back whole") }
        #expect(differences.isEmpty, "\(differences.prefix(20).joined(separator: "\n"))")
    }

    /// The spec's operation and the runtime's are one type: what the runtime reads must be
    /// the spec's operation, its schemas as the compiled document holds them.
    private static func differences(_ operation: OperationDescription, _ read: OperationDescription) -> [String] {
        var compiled = operation
        for index in compiled.parameters.indices { compiled.parameters[index].schema = compiledForm(of: compiled.parameters[index].schema) }
        if let body = operation.body { compiled.body?.schema = compiledForm(of: body.schema) }
        for index in compiled.responses.indices {
            for header in compiled.responses[index].headers.indices {
                compiled.responses[index].headers[header].schema = compiledForm(of: compiled.responses[index].headers[header].schema)
            }
        }
        guard read != compiled else { return [] }
        return ["read \(JSONWriter.string(from: read.json)), written from \(JSONWriter.string(from: compiled.json))"]
    }

    /// The spec's schema and the runtime's are one type: what the runtime reads must be the
    /// spec's schema without its annotations, a discriminator's mapping written whole.
    private static func differences(_ schema: JSONSchema, _ read: JSONSchema, at path: String) -> [String] {
        read == compiledForm(of: schema) ? [] : ["\(path): read \(JSONWriter.string(from: read.json)), written from \(schema)"]
    }

    /// `schema` as the compiled document holds it, at every level.
    private static func compiledForm(of schema: JSONSchema) -> JSONSchema {
        var form = schema.constraints
        form.discriminator?.mapping = schema.discriminatorMapping ?? [:]
        if form.additionalProperties == .allowed(true) { form.additionalProperties = nil }
        if case let .schema(values)? = form.additionalProperties { form.additionalProperties = .schema(compiledForm(of: values)) }
        form.properties = JSONSchema.Properties(form.properties.map { JSONSchema.Property(name: $0.name, schema: compiledForm(of: $0.schema)) })
        form.items = form.items.map(compiledForm)
        (form.allOf, form.anyOf, form.oneOf) = (form.allOf.map(compiledForm), form.anyOf.map(compiledForm), form.oneOf.map(compiledForm))
        return form
    }
}
