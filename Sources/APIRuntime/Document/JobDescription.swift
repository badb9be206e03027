/// How to wait for the job an operation starts (its `202`'s `Location` names it), and where
/// a succeeded job's result is: the spec's `job:`.
public struct JobDescription: Sendable, Hashable {
    /// The operation whose success schema is the job resource's (read at the `Location` URL).
    public var poll: String
    /// The job resource's member holding its status.
    public var status: String
    /// Statuses that end the job with success.
    public var succeeded: [String]
    /// Statuses that end the job with failure; any other keeps it waiting.
    public var failed: [String]
    /// The job resource's member holding a failed job's error.
    public var error: String?
    /// Where a succeeded job's result is.
    public var result: Result?

    /// Where a succeeded job's result is: the first of ``members`` present in the job
    /// resource, a URL (read as ``operation``) or the result itself.
    public struct Result: Sendable, Hashable {
        public var operation: String
        public var members: [String]
        /// The files the result lists, when it lists some.
        public var files: Files?
    }

    /// Files a result lists, each at `{directory}/{name}?{token}` on another origin, each
    /// line of each a record of the named schema.
    public struct Files: Sendable, Hashable {
        public var directory: String
        public var token: String
        public var list: String
        public var name: String
        /// The named schema of each record.
        public var record: String
    }

    init(_ reader: DocumentReader) throws(APIError) {
        poll = try reader.string("poll")
        status = try reader.string("status")
        succeeded = try reader.array("succeeded").compactMap(\.stringValue)
        failed = (reader.value["failed"]?.arrayValue ?? []).compactMap(\.stringValue)
        error = reader.optionalString("error")
        if let value = reader.value["result"] {
            let result = DocumentReader(value, path: reader.path + "/result")
            var files: Files?
            if let filesValue = value["files"] {
                let entry = DocumentReader(filesValue, path: result.path + "/files")
                files = Files(
                    directory: try entry.string("directory"), token: try entry.string("token"), list: try entry.string("list"),
                    name: try entry.string("name"), record: try entry.string("record")
                )
            }
            self.result = Result(operation: try result.string("operation"), members: try result.array("members").compactMap(\.stringValue), files: files)
        }
    }
}
