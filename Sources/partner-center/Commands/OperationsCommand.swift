import ArgumentParser
import PartnerCenter

/// `partner-center operations`: every operation of the spec, from the compiled spec.
struct OperationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operations",
        abstract: "List the API's operations with their parameters, for 'partner-center call'."
    )

    func run() throws {
        let contents: APIDocument.Contents
        do {
            contents = try PartnerCenterClient.document.get()
        } catch {
            Terminal.note("partner-center: error: \(error)")
            throw ExitStatus.internalError
        }
        var text = ""
        for operation in contents.operations.values.sorted(by: { $0.id < $1.id }) {
            let notes = [operation.apiName.map { "on \($0)" }, operation.paging.map { _ in "paged" }, operation.job.map { _ in "a job: call --wait" }]
                .compactMap(\.self) + operation.annotations.flags
            text += "\(operation.id)\n    \(operation.method.rawValue) \(operation.path)\(notes.map { "  (\($0))" }.joined())\n"
            if let summary = operation.annotations.summary { text += "    \(summary)\n" }
            for argument in CallArguments(operation: operation, schemas: contents.schemas).arguments {
                text += "    --param \(argument.name)=<\(argument.kind)>\(argument.isRequired ? "  (required)" : "")"
                text += argument.help.map { "  \($0)" } ?? ""
                text += "\n"
            }
            if let body = operation.body {
                text += "    --body <\(body.schema.reference ?? "JSON") (\(body.mediaType.rawValue))>\(body.isRequired ? "  (required)" : "")\n"
            }
            text += "    answers: " + Self.responses(of: operation) + "\n\n"
        }
        Terminal.write(text)
    }

    /// `200 Customer, 202 (Location), 204, default PartnerCenterError`: each declared status
    /// with its body's schema or media type and its headers.
    private static func responses(of operation: OperationDescription) -> String {
        operation.responses.map { response in
            var text = response.code.map(String.init) ?? "default"
            if let body = response.schemaName ?? response.binaryMediaType { text += " " + body }
            if !response.headers.isEmpty { text += " (" + response.headers.map(\.name).joined(separator: ", ") + ")" }
            return text
        }.joined(separator: ", ")
    }
}
