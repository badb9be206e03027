import APIDescription
import APIRuntime
@testable import CodeGen
import Foundation
import SpecKit
import Testing

/// The compiled spec is written by CodeGen and read by the runtime: two pieces of code that
/// must agree on every key. This reads each spec back through the runtime's `APIDocument` and
/// compares it, member by member, with the spec it was generated from, so a key written under
/// one name and read under another (or not read at all) fails here.
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
        if contents.usesBearerAuth != (spec.auth == .bearer) { differences.append("auth") }
        if contents.servers != Dictionary(uniqueKeysWithValues: spec.servers.map { ($0.name, $0.url) }) { differences.append("servers") }
        if contents.headers.map(\.name) != spec.headers.map(\.name) { differences.append("headers") }
        if Set(contents.apis.keys) != Set(spec.apis.map(\.name)) { differences.append("api names") }
        for api in spec.apis {
            guard let read = contents.apis[api.name] else { continue }
            if read.usesBearerAuth != (api.auth == .bearer) { differences.append("\(api.name): auth") }
            if read.servers != Dictionary(uniqueKeysWithValues: api.servers.map { ($0.name, $0.url) }) { differences.append("\(api.name): servers") }
            if read.headers.map(\.name) != api.headers.map(\.name) { differences.append("\(api.name): headers") }
            if read.scopes != api.scopes { differences.append("\(api.name): scopes") }
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

    private static func differences(_ operation: SpecKit.Operation, _ read: OperationDescription) -> [String] {
        var found: [String] = []
        if read.method != operation.method.rawValue { found.append("method") }
        if read.path != operation.path { found.append("path") }
        if read.isIdempotent != operation.isIdempotent { found.append("idempotent") }
        if read.isDeprecated != operation.isDeprecated { found.append("deprecated") }
        if read.parameters.map(\.name) != operation.parameters.map(\.name) { found.append("parameter names") }
        for (parameter, readParameter) in zip(operation.parameters, read.parameters) {
            if readParameter.location.rawValue != parameter.location.rawValue { found.append("\(parameter.name): location") }
            if readParameter.isRequired != parameter.isRequired { found.append("\(parameter.name): required") }
            if readParameter.isJSON != (parameter.encoding == .json) { found.append("\(parameter.name): encoding") }
            if readParameter.argument != parameter.argumentName { found.append("\(parameter.name): argument") }
            if readParameter.arguments != parameter.propertyArguments { found.append("\(parameter.name): arguments") }
            found += differences(parameter.schema, readParameter.schema, at: "parameter \(parameter.name)")
        }
        switch (operation.body, read.body) {
        case let (body?, readBody?):
            if readBody.isRequired != body.isRequired { found.append("body required") }
            if readBody.mediaType != body.mediaType.rawValue { found.append("body media type") }
            found += differences(body.schema, readBody.schema, at: "body")
        case (nil, nil): break
        default: found.append("body")
        }
        for response in operation.responses {
            let status: Int? = if case let .code(code) = response.status { code } else { nil }
            guard let readResponse = read.responses[status] else {
                found.append("response \(status.map(String.init) ?? "default") missing")
                continue
            }
            if readResponse.schemaName != response.schemaName { found.append("response \(status ?? 0): schema") }
            let mediaType: String? = if case let .binary(type) = response.body { type } else { nil }
            if readResponse.binaryMediaType != mediaType { found.append("response \(status ?? 0): content") }
            if readResponse.headers.map(\.name) != response.headers.map(\.name) { found.append("response \(status ?? 0): headers") }
        }
        if read.responses.count != operation.responses.count { found.append("response count") }
        if (read.paging?.items) != operation.paging?.items { found.append("paging") }
        if read.apiName != operation.apiName { found.append("api") }
        let job = operation.job.map { job in
            Self.fields(job.poll, job.status, job.succeeded, job.failed, job.error, job.result?.operation, job.result?.members, job.result?.files.map {
                [$0.directory, $0.token, $0.list, $0.name, $0.record]
            })
        }
        let readJob = read.job.map { job in
            Self.fields(job.poll, job.status, job.succeeded, job.failed, job.error, job.result?.operation, job.result?.members, job.result?.files.map {
                [$0.directory, $0.token, $0.list, $0.name, $0.record]
            })
        }
        if job != readJob { found.append("job") }
        return found
    }

    /// A job's members as one list of texts, to compare the spec's with the runtime's.
    private static func fields(
        _ poll: String, _ status: String, _ succeeded: [String], _ failed: [String], _ error: String?, _ resultOperation: String?,
        _ members: [String]?, _ files: [String]?
    ) -> [String] {
        [poll, status, succeeded.joined(separator: ","), failed.joined(separator: ","), error ?? "-", resultOperation ?? "-",
         members?.joined(separator: ",") ?? "-", files?.joined(separator: ",") ?? "-"]
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
