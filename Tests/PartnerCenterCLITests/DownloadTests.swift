import Foundation
import PartnerCenterStub
import TestSupport
import Testing

/// `call` for an operation that answers with bytes: the invoice statement, a PDF the stub
/// streams, written to `--output FILE` or to standard output, never to a terminal.
@Suite("Downloads")
struct DownloadTests {
    static let pdfHead = Data("%PDF-1.4\n".utf8)
    static let pdfEnd = Data("%%EOF\n".utf8)

    private static func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("statement-\(UUID().uuidString).pdf")
    }

    @Test func callWritesTheInvoiceStatementToTheOutputFile() async throws {
        let stub = try StubFixture()
        let invoice = try #require(stub.stub.data.invoiceIDs.first)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CLI.run(
            ["call", "getInvoiceStatement", "--param", "invoice-id=\(invoice)", "--output", file.path], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let pdf = try Data(contentsOf: file)
        #expect(pdf.starts(with: Self.pdfHead))
        #expect(pdf.suffix(Self.pdfEnd.count) == Self.pdfEnd)
        #expect(String(decoding: pdf, as: UTF8.self).contains("(Invoice statement \(invoice))"))
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("wrote \(pdf.count) bytes (application/pdf) to \(file.path)"), "\(result.stderr)")
    }

    @Test func aLargeStatementArrivesWhole() async throws {
        let stub = try StubFixture(StubConfiguration(acceptedToken: testToken, statementBytes: 48 << 20))
        let invoice = try #require(stub.stub.data.invoiceIDs.last)
        let file = Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CLI.run(
            ["call", "getInvoiceStatement", "--param", "invoice-id=\(invoice)", "-o", file.path], environment: stub.environment()
        )
        #expect(result.status == 0, "\(result)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(size >= 48 << 20)
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        #expect(try handle.read(upToCount: Self.pdfHead.count) == Self.pdfHead)
        try handle.seek(toOffset: UInt64(size - Self.pdfEnd.count))
        #expect(try handle.readToEnd() == Self.pdfEnd)
    }

    @Test func withoutOutputTheBytesGoToStandardOutputWhenItIsNotATerminal() async throws {
        // Demo mode: the embedded stub.
        let result = try await CLI.run(["call", "getInvoiceStatement", "--param", "invoice-id=\(SampleData().invoiceIDs[0])"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasPrefix("%PDF-1.4\n"))
        #expect(result.stdout.hasSuffix("%%EOF\n"))
    }

    @Test func aTerminalGetsNoBytes() async throws {
        // `script` gives the command a pseudo-terminal as standard output.
        let command = ([try CLI.executable().path, "call", "getInvoiceStatement", "--param", "invoice-id=\(SampleData().invoiceIDs[0])"])
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let result = try await Subprocess.run(
            URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"], environment: CLI.baseEnvironment(), timeLimit: CLI.timeLimit
        )
        #expect(result.status == 64, "\(result)")
        #expect(result.stdout.contains("answers with bytes; give --output FILE"), "\(result.stdout)")
        #expect(!result.stdout.contains("%PDF"))
    }

    @Test func anUnknownInvoiceIsThePartnerCenterErrorAndWritesNoFile() async throws {
        let stub = try StubFixture()
        let file = Self.temporaryFile()
        let result = try await CLI.run(
            ["call", "getInvoiceStatement", "--param", "invoice-id=G999999999", "--output", file.path], environment: stub.environment()
        )
        #expect(result.status == 69, "\(result)")
        #expect(result.stderr.contains("The invoice G999999999 was not found."), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
