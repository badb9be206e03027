/// The checks of a `job:` that need every operation and schema: the operation answers `202`;
/// `poll` and `result.operation` name `GET` operations with a JSON success response; the
/// members it names exist in those responses' schemas.
struct JobCheck {
    let operations: [OperationDescription]
    let schemas: [String: JSONSchema]

    func check(_ operation: OperationDescription, key: YAMLNode, diagnostics: inout DiagnosticCollector) {
        guard let job = operation.job else { return }
        if !operation.responses.contains(where: { $0.status == .code(202) }) {
            diagnostics.error("an operation with a 'job' answers 202 (its Location names the job)", at: key.location)
        }
        if let jobSchema = successSchema(of: job.poll, role: "'job.poll'", at: key, diagnostics: &diagnostics) {
            for member in [job.status] + [job.error].compactMap(\.self) {
                expect(member, in: jobSchema, of: job.poll, at: key, diagnostics: &diagnostics)
            }
        }
        guard let result = job.result, let resultSchema = successSchema(of: result.operation, role: "'job.result.operation'", at: key, diagnostics: &diagnostics),
            let files = result.files
        else { return }
        for member in [files.directory, files.token, files.list] {
            expect(member, in: resultSchema, of: result.operation, at: key, diagnostics: &diagnostics)
        }
        let list = resultSchema.properties.first { $0.name == files.list }?.schema.resolved(in: schemas)
        if let items = list?.items?.resolved(in: schemas), !items.properties.isEmpty, !items.properties.contains(where: { $0.name == files.name }) {
            diagnostics.error("the items of '\(files.list)' have no property '\(files.name)' ('job.result.files.name')", at: key.location)
        }
    }

    /// The resolved schema of the JSON success response of the `GET` operation `id`.
    private func successSchema(of id: String, role: String, at key: YAMLNode, diagnostics: inout DiagnosticCollector) -> JSONSchema? {
        guard let target = operations.first(where: { $0.id == id }) else {
            diagnostics.error("\(role) names no operation '\(id)'\(Suggestion.clause(for: id, in: operations.map(\.id)))", at: key.location)
            return nil
        }
        guard target.method == .GET, let name = target.successResponse?.schemaName, let schema = schemas[name] else {
            diagnostics.error("\(role) must name a GET operation with a JSON success response; '\(id)' is not one", at: key.location)
            return nil
        }
        return schema
    }

    /// Reports `member` when `schema` declares properties and not this one.
    private func expect(_ member: String, in schema: JSONSchema, of id: String, at key: YAMLNode, diagnostics: inout DiagnosticCollector) {
        let names = schema.properties.map(\.name)
        guard !names.isEmpty, !names.contains(member) else { return }
        diagnostics.error(
            "the success response of '\(id)' has no property '\(member)'\(Suggestion.clause(for: member, in: names))", at: key.location
        )
    }
}
