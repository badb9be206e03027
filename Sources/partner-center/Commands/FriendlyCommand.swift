import PartnerCenter

// The few commands a CSP looks for by name (`customers create`, `subscriptions list`,
// `invoices statement`: each in its own file), each one operation of the spec run as `call`
// runs it (same output formats, files and exit codes).

/// What the friendly commands share.
enum FriendlyCommand {
    /// The spec's operation `id`, which a friendly command runs.
    static func operation(_ id: String) throws -> OperationDescription {
        guard let operation = try PartnerCenterClient.document.get().operations[id] else {
            throw UsageError("this build's spec has no operation '\(id)'.")
        }
        return operation
    }

    /// The parameter values `options` (`name=value`, as `call --param` takes them) give `operation`.
    static func values(_ options: [String], of operation: OperationDescription) throws -> [String: JSONValue?] {
        try CallArguments(operation: operation, schemas: try PartnerCenterClient.document.get().schemas).values(options)
    }
}
