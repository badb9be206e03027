import PartnerCenter

// The few commands a CSP looks for by name (`customers create`, `subscriptions list`,
// `invoices statement`: each in its own file), each one operation of the spec run as `call`
// runs it (same output formats, files and exit codes).

/// What the friendly commands share.
enum FriendlyCommand {
    /// The spec's operation `id`, which a friendly command runs.
    private static func operation(_ id: String) throws -> OperationDescription {
        guard let operation = try PartnerCenterClient.document.get().operations[id] else {
            throw UsageError("this build's spec has no operation '\(id)'.")
        }
        return operation
    }

    /// `call`'s run of the operation `id` with the parameter values `options` (`name=value`,
    /// as `call --param` takes them), printed in `format`.
    static func call(_ id: String, _ options: [String] = [], body: JSONValue? = nil, format: OutputFormat) throws -> OperationCall {
        let operation = try operation(id)
        let values = try CallArguments(operation: operation, schemas: try PartnerCenterClient.document.get().schemas).values(options)
        return OperationCall(operation: operation, values: values, body: body, format: format)
    }
}
