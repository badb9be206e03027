import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center call OPERATION --param name=value…`: any operation of the spec, by id.
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call",
        abstract: "Call any operation of the spec by its id ('partner-center operations' lists them).",
        discussion: """
            Paged operations are followed page after page. The request body (--body) is validated against the spec before \
            anything is sent, and the response before it is printed. A response of bytes (a PDF…) is written to --output FILE, \
            or to standard output when it is not a terminal. The status of a response without a body, and the Location and \
            Retry-After of an accepted one (HTTP 202: poll Location), are printed on standard error, as is a warning before \
            calling an operation the spec deprecates.
            """
    )

    @Argument(help: "The operation id, e.g. getCustomerById.", completion: .custom(OperationCompletion.complete))
    var operationID: String

    @Option(name: .customLong("param"), help: "A parameter as name=value (repeat for each).")
    var parameters: [String] = []

    @Option(name: .customLong("header"), help: "A header parameter of the operation as Name=value, e.g. If-Match=<etag> (repeat for each).")
    var headers: [String] = []

    @Option(name: .long, help: OutputFormat.help(default: .json))
    var format: OutputFormat = .json

    @OptionGroup var pageLimit: PageLimitOptions

    @Option(name: .long, help: "For a paged operation: go on from the token a stopped listing printed on standard error.")
    var resume: String?

    @Option(name: .long, help: "The request body as JSON text, @FILE to read it from a file, or - to read standard input.")
    var body: String?

    @Option(name: .shortAndLong, help: "For a response of bytes (a PDF…): the file to write it to.")
    var output: String?

    @Flag(name: .long, help: "For an operation that starts a job (a billing export): wait for it and print its result; the files it lists are named on standard error (partner-center billing reads them).")
    var wait = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let contents = try PartnerCenterClient.document.get()
        guard let operation = contents.operations[operationID] else {
            let known = contents.operations.keys.sorted().joined(separator: ", ")
            throw UsageError("no operation '\(operationID)'; the spec has: \(known).")
        }
        let values = try CallArguments(operation: operation, schemas: contents.schemas).values(parameters + Self.headerParameters(headers, of: operation))
        if wait, operation.job == nil { throw UsageError("--wait: \(operationID) starts no job.") }
        let call = OperationCall(
            operation: operation, values: values, body: try body.map(OperationCall.readBody), format: format, maxPages: pageLimit.maxPages,
            resume: resume, output: output, waitsForJob: wait
        )
        for flag in operation.annotations.flags {
            Terminal.note("partner-center: warning: \(operation.id) is \(flag) in the API's spec")
        }
        try await call.run(connection)
    }

    /// `--header Name=value` as `--param`s: each must name a header parameter of the operation
    /// (case-insensitive); other headers are not the operation's to send.
    private static func headerParameters(_ headers: [String], of operation: OperationDescription) throws -> [String] {
        let declared = operation.parameters.filter { $0.location == .header && $0.schema.constValue == nil }.map(\.name)
        return try headers.map { option in
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = declared.first(where: { $0.caseInsensitiveCompare(parts[0]) == .orderedSame }) else {
                let known = declared.isEmpty ? "none" : declared.joined(separator: ", ")
                throw UsageError("--header \(parts[0]): not a header parameter of \(operation.id) (it has: \(known)); write --header Name=value.")
            }
            return "\(name)=\(parts[1])"
        }
    }
}
