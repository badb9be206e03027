import ArgumentParser
import Foundation
import PartnerCenter

/// `partner-center invoices statement ID --output FILE`: `getInvoiceStatement`.
struct InvoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "invoices", abstract: "The partner's invoices.", subcommands: [Statement.self])

    struct Statement: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statement", abstract: "Download an invoice's statement, a PDF (getInvoiceStatement)."
        )

        @Argument(help: "The invoice id, e.g. G000024132.")
        var invoiceID: String

        @Option(name: .shortAndLong, help: "The file to write the PDF to (replaced once it has arrived whole).")
        var output: String?

        @OptionGroup var connection: ConnectionOptions

        func run() async throws {
            var call = try FriendlyCommand.call("getInvoiceStatement", ["invoice-id=\(invoiceID)"], format: .json)
            call.output = output
            try await call.run(connection)
        }
    }
}
