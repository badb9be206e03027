import Foundation
import LocalHTTPServer

extension StubHandler {
    /// `GET /v1/invoices/{invoice-id}/documents/statement`: the invoice's statement as a PDF,
    /// streamed (`StubConfiguration.statementBytes` makes it as large as a test needs).
    /// A request whose `Accept` does not allow a PDF is answered 406, as a server that cannot
    /// give what the client accepts.
    func statement(invoiceID: String, accept: String?) -> StubResult {
        let accepted = (accept ?? "*/*").split(separator: ",").map { $0.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased() }
        guard accepted.contains(where: { ["application/pdf", "application/*", "*/*"].contains($0) }) else {
            return .error(406, code: 406, description: "The statement is a PDF: send Accept: application/pdf.")
        }
        guard data.invoiceIDs.contains(invoiceID) else {
            return .error(404, code: 2_100, description: "The invoice \(invoiceID) was not found.")
        }
        let document = StatementPDF(invoiceID: invoiceID, minimumLength: configuration.statementBytes)
        return .document(
            mediaType: "application/pdf", fileName: "Invoice_\(invoiceID).pdf", length: document.length, chunk: document.chunk(at:)
        )
    }
}

/// A valid one-page PDF that reads "Invoice statement <id>", padded with comment lines to at
/// least `minimumLength` bytes, produced chunk by chunk so that a large one costs no memory.
struct StatementPDF: Sendable {
    /// The objects, before the padding.
    private let head: Data
    /// The cross-reference table and trailer, after it.
    private let tail: Data
    private let padding: Int
    /// The length of one padding line, a PDF comment.
    private static let lineLength = 64
    /// 64 KB of padding lines.
    private static let paddingBlock = Data(String(repeating: "%" + String(repeating: " ", count: lineLength - 2) + "\n", count: 1_024).utf8)

    init(invoiceID: String, minimumLength: Int) {
        // The id is one of the stub's own (letters and digits): nothing to escape in the text.
        let content = "BT /F1 18 Tf 72 720 Td (Invoice statement \(invoiceID)) Tj ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var head = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(head.utf8.count)
            head += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        var tail = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            tail += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n"
        }
        let lineLength = Self.lineLength
        let bare = head.utf8.count + tail.utf8.count + 64
        let lines = minimumLength > bare ? (minimumLength - bare + lineLength - 1) / lineLength : 0
        let xrefOffset = head.utf8.count + lines * lineLength
        tail += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        self.head = Data(head.utf8)
        self.tail = Data(tail.utf8)
        padding = lines * lineLength
    }

    /// The document's length in bytes.
    var length: Int { head.count + padding + tail.count }

    /// The whole document, for a small one.
    var wholeDocument: Data {
        var data = Data()
        while let chunk = chunk(at: data.count) { data.append(chunk) }
        return data
    }

    /// The bytes from `offset`, at most 64 KB; nil at the end.
    func chunk(at offset: Int) -> Data? {
        guard offset < length else { return nil }
        if offset < head.count { return head.subdata(in: offset..<head.count) }
        let paddingEnd = head.count + padding
        if offset < paddingEnd {
            return Self.paddingBlock.prefix(paddingEnd - offset)
        }
        return tail.subdata(in: (offset - paddingEnd)..<tail.count)
    }
}
