import ArgumentParser
import Foundation
import PartnerCenter

/// How records are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, ndjson, csv
    /// CSV with every field exactly as received, formulas included: for programs, not spreadsheets.
    case csvRaw = "csv-raw"

    /// `table` on a terminal, `json` otherwise.
    static var automatic: OutputFormat { Terminal.standardOutputIsTerminal ? .table : .json }

    /// What a command's `--format` is when it is not given.
    enum Default {
        /// ``automatic``.
        case automatic
        case json
    }

    /// What a format is, in `--format`'s help.
    private var summary: String {
        switch self {
        case .table: "table"
        case .json: "json"
        case .ndjson: "ndjson"
        case .csv: "csv (spreadsheet-safe)"
        case .csvRaw: "csv-raw"
        }
    }

    /// The help of a `--format` option: every format, the default marked.
    static func help(default value: Default) -> ArgumentHelp {
        let first: [String] = switch value {
        case .automatic: ["table (default on a terminal)", "json (default otherwise)"]
        case .json: ["json (default)", OutputFormat.table.summary]
        }
        let rest = allCases.filter { ![.table, .json].contains($0) }.map(\.summary)
        let all = first + rest
        return ArgumentHelp(all.dropLast().joined(separator: ", ") + " or " + (all.last ?? "") + ".")
    }

    /// An output for records shown with `columns` in the tabular formats.
    func makeOutput(columns: Columns) -> any RecordOutput {
        switch self {
        case .table: TableOutput(columns: columns)
        case .json: JSONArrayOutput()
        case .ndjson: NDJSONOutput()
        case .csv: CSVOutput(columns: columns, neutralizesFormulas: true)
        case .csvRaw: CSVOutput(columns: columns, neutralizesFormulas: false)
        }
    }
}

/// The columns the tabular formats show: a CSV title, a table header and a path into each record.
struct Columns {
    struct Column {
        var title: String
        var header: String
        var path: [String]
    }

    var columns: [Column]
    /// What one record is called in the table's count line.
    var noun = "record"

    /// The text of each column for `record`; absent values are empty. A path's number
    /// picks an array's element (`eligibilities`, `0`, `isEligible`).
    func cells(_ record: JSONValue) -> [String] {
        columns.map { column in
            var value: JSONValue? = record
            for key in column.path {
                if let items = value?.arrayValue, let index = Int(key) {
                    value = items.indices.contains(index) ? items[index] : nil
                } else {
                    value = value?[key]
                }
            }
            return value.map(Self.cell) ?? ""
        }
    }

    /// A value as a cell: a string as it is, a number as written, `null` empty, an array or
    /// object as compact JSON.
    static func cell(_ value: JSONValue) -> String {
        switch value {
        case let .string(text): text
        case let .number(number): number.text
        case let .bool(flag): flag ? "true" : "false"
        case .null: ""
        case .array, .object: JSONWriter.string(from: value, order: .received)
        }
    }

    /// These columns, or when there are none, columns inferred from `record` (same noun).
    func orInferred(from record: JSONValue?) -> Columns {
        guard columns.isEmpty else { return self }
        return Columns(columns: Self.inferred(from: record).columns, noun: noun)
    }

    /// Columns for records nobody described: the first record's scalar members, `id` first.
    static func inferred(from record: JSONValue?) -> Columns {
        let members = record?.objectValue ?? [:]
        let scalars = members.filter { $0.value.objectValue == nil && $0.value.arrayValue == nil }.keys
        let keys = scalars.sorted { $0 == "id" || ($1 != "id" && $0 < $1) }.prefix(6)
        return Columns(columns: keys.map { Column(title: $0, header: $0.uppercased(), path: [$0]) })
    }

    /// The customers' columns.
    static let customers = Columns(
        columns: [
            Column("id", "ID"),
            Column("companyName", "COMPANY", at: "companyProfile.companyName"),
            Column("domain", "DOMAIN", at: "companyProfile.domain"),
            Column("relationshipToPartner", "RELATIONSHIP"),
        ],
        noun: "customer"
    )

    /// `subscriptions list`: what identifies a subscription and what it holds.
    static let subscriptions = Columns(
        columns: [
            Column("id", "ID"),
            Column("friendlyName", "NAME"),
            Column("offerId", "OFFER"),
            Column("quantity", "QUANTITY"),
            Column("status", "STATUS"),
        ],
        noun: "subscription"
    )

    /// `gdap list`: a GDAP relationship, its customer, where it stands and until when.
    static let delegatedAdminRelationships = Columns(
        columns: [
            Column("id", "ID"),
            Column("displayName", "NAME"),
            Column("customer", "CUSTOMER", at: "customer.displayName"),
            Column("tenantId", "TENANT", at: "customer.tenantId"),
            Column("status", "STATUS"),
            Column("endDateTime", "ENDS"),
        ],
        noun: "relationship"
    )

    /// `subscriptions transitions`: each product a subscription may move to, and how.
    static let transitionEligibilities = Columns(
        columns: [
            Column("catalogItemId", "CATALOG ITEM"),
            Column("title", "TITLE"),
            Column("quantity", "QUANTITY"),
            Column("isEligible", "ELIGIBLE", at: "eligibilities.0.isEligible"),
            Column("transitionType", "TYPE", at: "eligibilities.0.transitionType"),
            Column("errors", "WHY NOT", at: "eligibilities.0.errors"),
        ],
        noun: "target"
    )

    /// The partner relationships' (resellers') columns.
    static let relationships = Columns(
        columns: [
            Column("id", "TENANT ID"),
            Column("name", "NAME"),
            Column("mpnId", "MPN ID"),
            Column("location", "LOCATION"),
            Column("state", "STATE"),
            Column("relationshipType", "RELATIONSHIP"),
        ],
        noun: "reseller"
    )
}

/// Receives records page by page and writes them to standard output.
protocol RecordOutput {
    mutating func write(_ records: [JSONValue]) throws
    mutating func finish() throws
}

/// An aligned table, written once every page has arrived (column widths need them all).
///
/// It keeps each record's cells, not the record.
struct TableOutput: RecordOutput {
    private var columns: Columns
    private var rows: [[String]] = []

    init(columns: Columns) {
        self.columns = columns
    }

    mutating func write(_ records: [JSONValue]) {
        if rows.isEmpty, let first = records.first { columns = columns.orInferred(from: first) }
        rows += records.map { columns.cells($0).map(Terminal.printable) }
    }

    func finish() {
        let header = columns.columns.map(\.header)
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        var text = ""
        for row in all {
            let cells = row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[index])
            }
            text += cells.joined(separator: "  ") + "\n"
        }
        text += "\(rows.count) \(columns.noun)\(rows.count == 1 ? "" : "s")\n"
        Terminal.write(text)
    }
}

/// One indented JSON array of the records, written once every page has arrived: a listing
/// that fails leaves no half-written array on standard output.
///
/// It keeps the records' JSON text, not the records: the array's elements are written as they
/// come, each as ``JSONWriter`` indents a value inside an array (its lines two spaces further in).
struct JSONArrayOutput: RecordOutput {
    private var text: [UInt8] = []

    mutating func write(_ records: [JSONValue]) {
        for record in records {
            text.append(contentsOf: (text.isEmpty ? "[\n  " : ",\n  ").utf8)
            // A line break in JSON text is one the writer put there: strings hold `\n` escaped.
            let lines = JSONWriter.bytes(from: record, indented: true, order: .received).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                if number > 0 { text.append(contentsOf: "\n  ".utf8) }
                text.append(contentsOf: line)
            }
        }
    }

    mutating func finish() {
        text.append(contentsOf: (text.isEmpty ? "[]\n" : "\n]\n").utf8)
        Terminal.write(bytes: text)
    }
}

/// One compact JSON object per line, written as each page arrives.
struct NDJSONOutput: RecordOutput {
    func write(_ records: [JSONValue]) {
        var text: [UInt8] = []
        for record in records {
            text += JSONWriter.bytes(from: record, order: .received)
            text.append(UInt8(ascii: "\n"))
        }
        Terminal.write(bytes: text)
    }

    func finish() {}
}

/// RFC 4180 CSV with a header row, written as each page arrives.
///
/// By default a field that a spreadsheet would run as a formula (it starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return, or their full-width forms) is written as text: a `'`
/// before it, and the field quoted, as OWASP's "CSV injection" guidance says. Spreadsheets
/// show the `'`-prefixed field as the exact text; `csv-raw` writes every field unchanged.
struct CSVOutput: RecordOutput {
    var columns: Columns
    let neutralizesFormulas: Bool
    private var wroteHeader = false

    init(columns: Columns, neutralizesFormulas: Bool) {
        self.columns = columns
        self.neutralizesFormulas = neutralizesFormulas
    }

    mutating func write(_ records: [JSONValue]) {
        columns = columns.orInferred(from: records.first)
        var text = ""
        if !wroteHeader {
            text += line(columns.columns.map(\.title))
            wroteHeader = true
        }
        for record in records {
            text += line(columns.cells(record))
        }
        Terminal.write(text)
    }

    mutating func finish() {
        if !wroteHeader { write([]) }
    }

    private func line(_ fields: [String]) -> String {
        fields.map { Self.field($0, neutralizingFormulas: neutralizesFormulas) }.joined(separator: ",") + "\r\n"
    }

    /// The first characters that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// A field as written: quoted when it holds a comma, a quote or a line break (quotes
    /// doubled), and, when `neutralizingFormulas`, prefixed with `'` and quoted when it
    /// starts like a formula.
    static func field(_ text: String, neutralizingFormulas: Bool) -> String {
        let isFormula = neutralizingFormulas && text.first.map(formulaStarts.contains) == true
        guard isFormula || text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + (isFormula ? "'" : "") + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension Columns.Column {
    /// The column `title` (`HEADER` above it in a table) of the member at `path`, dotted
    /// (`companyProfile.companyName`; a number picks an array's element), by default `title`.
    init(_ title: String, _ header: String, at path: String? = nil) {
        self.init(title: title, header: header, path: (path ?? title).split(separator: ".").map(String.init))
    }
}
