import ArgumentParser
import Foundation
import PartnerCenter

/// How customers are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, ndjson, csv

    /// `table` on a terminal, `json` otherwise.
    static var automatic: OutputFormat { Terminal.standardOutputIsTerminal ? .table : .json }

    func makeOutput() -> any CustomerOutput {
        switch self {
        case .table: TableOutput()
        case .json: JSONArrayOutput()
        case .ndjson: NDJSONOutput()
        case .csv: CSVOutput()
        }
    }
}

/// Receives customers page by page and writes them to standard output.
protocol CustomerOutput {
    mutating func write(_ customers: [Customer]) throws
    mutating func finish() throws
}

/// The columns every tabular format shows.
enum CustomerColumns {
    static let titles = ["id", "companyName", "domain", "relationshipToPartner"]

    static func values(_ customer: Customer) -> [String] {
        [
            customer.id, customer.companyProfile?.companyName ?? "", customer.companyProfile?.domain ?? "",
            customer.relationshipToPartner?.rawValue ?? "",
        ]
    }
}

/// An aligned table, written once every page has arrived (column widths need them all).
struct TableOutput: CustomerOutput {
    private var rows: [[String]] = []

    mutating func write(_ customers: [Customer]) {
        rows += customers.map { CustomerColumns.values($0).map(Self.printable) }
    }

    func finish() {
        let header = ["ID", "COMPANY", "DOMAIN", "RELATIONSHIP"]
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        var text = ""
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        text += "\(rows.count) customer\(rows.count == 1 ? "" : "s")\n"
        Terminal.write(text)
    }

    /// Control characters (a line break in a name) would break the table: shown as spaces.
    private static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}

/// One JSON array of the customers.
struct JSONArrayOutput: CustomerOutput {
    private var customers: [Customer] = []

    mutating func write(_ customers: [Customer]) {
        self.customers += customers
    }

    func finish() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        Terminal.write(String(decoding: try encoder.encode(customers), as: UTF8.self) + "\n")
    }
}

/// One compact JSON object per line, written as each page arrives.
struct NDJSONOutput: CustomerOutput {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func write(_ customers: [Customer]) throws {
        let lines = try customers.map { String(decoding: try encoder.encode($0), as: UTF8.self) + "\n" }
        Terminal.write(lines.joined())
    }

    func finish() {}
}

/// RFC 4180 CSV with a header row, written as each page arrives.
struct CSVOutput: CustomerOutput {
    private var wroteHeader = false

    mutating func write(_ customers: [Customer]) {
        var text = ""
        if !wroteHeader {
            text += Self.line(CustomerColumns.titles)
            wroteHeader = true
        }
        for customer in customers {
            text += Self.line(CustomerColumns.values(customer))
        }
        Terminal.write(text)
    }

    mutating func finish() {
        if !wroteHeader { write([]) }
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\r\n"
    }

    /// A field quoted when it holds a comma, a quote or a line break; quotes doubled.
    static func quoted(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
