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
            text += "\(operation.id)\n    \(operation.method) \(operation.path)\(operation.paging == nil ? "" : "  (paged)")\n"
            if let summary = operation.summary { text += "    \(summary)\n" }
            for argument in CallArguments(operation: operation, schemas: contents.schemas).arguments {
                text += "    --param \(argument.name)=<\(argument.kind)>\(argument.isRequired ? "  (required)" : "")"
                text += argument.help.map { "  \($0)" } ?? ""
                text += "\n"
            }
            text += "\n"
        }
        Terminal.write(text)
    }
}
