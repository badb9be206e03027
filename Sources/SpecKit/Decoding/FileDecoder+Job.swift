/// `job:` — how an operation that starts a job is waited for, and where its result is.
extension FileDecoder {
    static let jobKeys = ["poll", "status", "succeeded", "failed", "error", "result"]
    static let jobResultKeys = ["operation", "members", "files"]
    static let resultFilesKeys = ["directory", "token", "list", "name", "record"]

    func decodeJob(_ node: YAMLNode, key: YAMLNode?, diagnostics: inout DiagnosticCollector) -> Job? {
        guard let reader = MappingReader(node, what: "'job'", allowed: Self.jobKeys, diagnostics: &diagnostics) else { return nil }
        let poll = reader.required("poll", in: "'job'", owner: key, diagnostics: &diagnostics).flatMap { ScalarReader.string($0, key: "poll", diagnostics: &diagnostics) }
        let status = reader.required("status", in: "'job'", owner: key, diagnostics: &diagnostics).flatMap { ScalarReader.string($0, key: "status", diagnostics: &diagnostics) }
        let succeeded = reader.required("succeeded", in: "'job'", owner: key, diagnostics: &diagnostics).flatMap {
            ScalarReader.strings($0, key: "succeeded", diagnostics: &diagnostics)?.map(\.0)
        }
        let failed = reader["failed"].flatMap { ScalarReader.strings($0, key: "failed", diagnostics: &diagnostics)?.map(\.0) } ?? []
        if let succeeded, succeeded.isEmpty, let node = reader["succeeded"] {
            diagnostics.error("'succeeded' lists at least one status", at: node.location)
        }
        if let succeeded, let both = succeeded.first(where: failed.contains), let node = reader["failed"] {
            diagnostics.error("status '\(both)' is both 'succeeded' and 'failed'", at: node.location)
        }
        let error = reader.string("error", diagnostics: &diagnostics)
        let result = reader["result"].flatMap { decodeJobResult($0, key: reader.keyNode("result"), diagnostics: &diagnostics) }
        guard let poll, let status, let succeeded else { return nil }
        return Job(poll: poll, status: status, succeeded: succeeded, failed: failed, error: error, result: result)
    }

    private func decodeJobResult(_ node: YAMLNode, key: YAMLNode?, diagnostics: inout DiagnosticCollector) -> JobResult? {
        guard let reader = MappingReader(node, what: "'result'", allowed: Self.jobResultKeys, diagnostics: &diagnostics) else { return nil }
        let operation = reader.required("operation", in: "'result'", owner: key, diagnostics: &diagnostics).flatMap {
            ScalarReader.string($0, key: "operation", diagnostics: &diagnostics)
        }
        let members = reader.required("members", in: "'result'", owner: key, diagnostics: &diagnostics).flatMap {
            ScalarReader.strings($0, key: "members", diagnostics: &diagnostics)?.map(\.0)
        }
        if let members, members.isEmpty, let node = reader["members"] {
            diagnostics.error("'members' lists at least one member of the job resource", at: node.location)
        }
        let files = reader["files"].flatMap { decodeResultFiles($0, key: reader.keyNode("files"), diagnostics: &diagnostics) }
        guard let operation, let members else { return nil }
        return JobResult(operation: operation, members: members, files: files)
    }

    private func decodeResultFiles(_ node: YAMLNode, key: YAMLNode?, diagnostics: inout DiagnosticCollector) -> ResultFiles? {
        guard let reader = MappingReader(node, what: "'files'", allowed: Self.resultFilesKeys, diagnostics: &diagnostics) else { return nil }
        var values: [String: String] = [:]
        for name in ["directory", "token", "list", "name"] {
            values[name] = reader.required(name, in: "'files'", owner: key, diagnostics: &diagnostics).flatMap {
                ScalarReader.string($0, key: name, diagnostics: &diagnostics)
            }
        }
        var record: String?
        if let recordNode = reader.required("record", in: "'files'", owner: key, diagnostics: &diagnostics),
            let recordReader = MappingReader(recordNode, what: "'record'", allowed: ["$ref"], diagnostics: &diagnostics),
            let refNode = recordReader.required("$ref", in: "'record'", owner: reader.keyNode("record"), diagnostics: &diagnostics),
            let text = ScalarReader.string(refNode, key: "$ref", diagnostics: &diagnostics)
        {
            record = resolver.resolve(text, from: path, at: refNode, diagnostics: &diagnostics)
        }
        guard let directory = values["directory"], let token = values["token"], let list = values["list"], let name = values["name"], let record else {
            return nil
        }
        return ResultFiles(directory: directory, token: token, list: list, name: name, record: record)
    }
}
