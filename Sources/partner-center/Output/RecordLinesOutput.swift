import Foundation
import PartnerCenter

/// Writes the records of an export's files as they arrive, to standard output or to a file.
///
/// `ndjson` writes each line's bytes as received (members, order, number literals: `36.0000`
/// stays `36.0000`); `json` writes them as the elements of one array; `csv` (and `csv-raw`)
/// one row per record, its columns the first record's members in the order they came, then
/// the record schema's other properties. A member that first appears after the header was
/// written is named on standard error: `ndjson` and `json` keep every member.
///
/// With a file, the records go to `FILE.partial`, which replaces `FILE` only once every
/// record has arrived: a failed export never leaves a short file under the name asked for.
struct RecordLinesOutput {
    private let format: OutputFormat
    private let destination: URL?
    private let handle: FileHandle
    private let recordSchema: [String]
    private var buffer: [UInt8] = []
    private var columns: [String]?
    /// Each column's position by its name.
    private var columnPositions: [String: Int] = [:]
    private var lateMembers: Set<String> = []
    private var parser = JSONDocumentParser()
    private(set) var count = 0

    /// An output in `format` (`table` is written as `csv`: an export is too large for a table).
    /// - Parameters:
    ///   - path: The file to write, or nil for standard output.
    ///   - schemaProperties: The record schema's property names, for `csv`'s columns.
    init(format: OutputFormat, path: String?, schemaProperties: [String]) throws {
        self.format = format == .table ? .csv : format
        recordSchema = schemaProperties
        if let path {
            let destination = URL(fileURLWithPath: path)
            let partial = destination.appendingPathExtension("partial")
            guard FileManager.default.createFile(atPath: partial.path, contents: nil), let handle = try? FileHandle(forWritingTo: partial) else {
                throw UsageError("cannot write \(partial.path).")
            }
            self.destination = destination
            self.handle = handle
        } else {
            destination = nil
            handle = .standardOutput
        }
        if self.format == .json { buffer.append(UInt8(ascii: "[")) }
    }

    /// Writes one record.
    mutating func write(_ record: ResultRecord) throws {
        switch format {
        case .ndjson:
            buffer.append(contentsOf: record.line)
            buffer.append(UInt8(ascii: "\n"))
        case .json:
            buffer.append(contentsOf: (count == 0 ? "\n  " : ",\n  ").utf8)
            buffer.append(contentsOf: record.line)
        case .csv, .csvRaw, .table:
            // One parser for every line, so that each key is made once (every record handed
            // out is valid JSON; `record.json` is the same value, made afresh).
            writeRow((try? parser.parse(record.line)) ?? record.json)
        }
        count += 1
        if buffer.count >= 256 * 1024 { try flush() }
    }

    /// Ends the output: the array's end, the header of an empty CSV; the file put in place.
    mutating func finish() throws {
        switch format {
        case .json: buffer.append(contentsOf: (count == 0 ? "]\n" : "\n]\n").utf8)
        case .csv, .csvRaw, .table: if columns == nil { writeHeader(recordSchema) }
        case .ndjson: break
        }
        try flush()
        guard let destination else { return }
        try handle.close()
        let partial = destination.appendingPathExtension("partial")
        _ = try? FileManager.default.removeItem(at: destination)
        try FileManager.default.moveItem(at: partial, to: destination)
    }

    /// Leaves the file asked for as it was: the partial one is removed.
    func abandon() {
        guard let destination else { return }
        try? handle.close()
        try? FileManager.default.removeItem(at: destination.appendingPathExtension("partial"))
    }

    private mutating func writeRow(_ record: JSONValue) {
        let members = record.objectValue
        if columns == nil {
            let received = members.map { Array($0.keys) } ?? []
            writeHeader(received + recordSchema.filter { !received.contains($0) }.sorted())
        }
        // The members in the order they came, each to its column: one lookup per member.
        var cells = [String](repeating: "", count: columnPositions.count)
        for (key, value) in members ?? [:] {
            guard let position = columnPositions[key] else {
                if lateMembers.insert(key).inserted {
                    Terminal.note("partner-center: warning: record \(count + 1) has a member '\(Terminal.printable(key))' that the CSV header does not; it is left out of the CSV (--format ndjson keeps every member)")
                }
                continue
            }
            cells[position] = Columns.cell(value)
        }
        appendLine(cells)
    }

    private mutating func writeHeader(_ names: [String]) {
        columns = names
        columnPositions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        appendLine(names)
    }

    private mutating func appendLine(_ fields: [String]) {
        let text = fields.map { CSVOutput.field($0, neutralizingFormulas: format == .csv) }.joined(separator: ",") + "\r\n"
        buffer.append(contentsOf: text.utf8)
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
