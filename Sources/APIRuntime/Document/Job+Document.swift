/// A job's description as the compiled spec writes it (the spec's `job:`).
extension Job {
    init(_ reader: DocumentReader) throws(APIError) {
        var jobResult: JobResult?
        if let value = reader.value["result"] {
            let result = DocumentReader(value, path: reader.path + "/result")
            var files: ResultFiles?
            if let filesValue = value["files"] {
                let entry = DocumentReader(filesValue, path: result.path + "/files")
                files = ResultFiles(
                    directory: try entry.string("directory"), token: try entry.string("token"), list: try entry.string("list"),
                    name: try entry.string("name"), record: try entry.string("record")
                )
            }
            jobResult = JobResult(operation: try result.string("operation"), members: try result.array("members").compactMap(\.stringValue), files: files)
        }
        self.init(
            poll: try reader.string("poll"), status: try reader.string("status"), succeeded: try reader.array("succeeded").compactMap(\.stringValue),
            failed: (reader.value["failed"]?.arrayValue ?? []).compactMap(\.stringValue), error: reader.optionalString("error"), result: jobResult
        )
    }
}
