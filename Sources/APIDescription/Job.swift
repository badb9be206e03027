/// What an operation that starts a job on the server declares (the spec's `job:`, asynchronous
/// request-reply), as the spec loader reads it and the runtime waits by it:
/// its `202`'s `Location` names the job; reading the job there (``poll``) tells its status,
/// until a status of ``succeeded`` or ``failed`` ends it; a succeeded job's result is found
/// from the job resource (``result``).
public struct Job: Sendable, Hashable {
    /// The operation (a `GET`) whose success schema is the job resource's; the job is read
    /// at the `Location` URL, not at this operation's path.
    public var poll: String
    /// The job resource's member that holds its status (a string).
    public var status: String
    /// Statuses that end the job with success (`succeeded`, `completed`).
    public var succeeded: [String]
    /// Statuses that end the job with failure (`failed`). Any other status, a value the spec
    /// does not know included, keeps the job waiting.
    public var failed: [String]
    /// The job resource's member that holds a failed job's error, if it has one.
    public var error: String?
    /// Where a succeeded job's result is, if it has one beyond the job resource.
    public var result: JobResult?

    public init(poll: String, status: String, succeeded: [String], failed: [String], error: String? = nil, result: JobResult? = nil) {
        self.poll = poll
        self.status = status
        self.succeeded = succeeded
        self.failed = failed
        self.error = error
        self.result = result
    }
}

/// Where a succeeded job's result is: the first of ``members`` present in the job resource,
/// either a URL (read with ``operation``) or the result itself (an object).
public struct JobResult: Sendable, Hashable {
    /// The operation (a `GET`) whose success schema is the result's; a URL is read with it.
    public var operation: String
    /// The job resource's members to look in, in order: `resourceLocation@odata.navigationLink`
    /// (a URL), `resourceLocation` (the object, or a URL).
    public var members: [String]
    /// When the result lists files to download (exports), how.
    public var files: ResultFiles?

    public init(operation: String, members: [String], files: ResultFiles? = nil) {
        self.operation = operation
        self.members = members
        self.files = files
    }
}

/// Files a job's result lists, on another origin (Azure Blob Storage), each read with a
/// token the result carries and never with the API's own: `{directory}/{name}?{token}`.
/// Each file is gzip-compressed JSON Lines (or plain, when the transport already undid a
/// `Content-Encoding`), one record per line.
public struct ResultFiles: Sendable, Hashable {
    /// The result's member holding the files' directory URL.
    public var directory: String
    /// The result's member holding the query (a SAS token) each file's URL carries, as given.
    public var token: String
    /// The result's member holding the list of files (an array of objects).
    public var list: String
    /// Each file object's member holding its name.
    public var name: String
    /// The named schema each line (record) is validated against.
    public var record: String

    public init(directory: String, token: String, list: String, name: String, record: String) {
        self.directory = directory
        self.token = token
        self.list = list
        self.name = name
        self.record = record
    }
}
