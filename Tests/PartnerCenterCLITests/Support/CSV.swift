/// A strict RFC 4180 reader, to check the CLI's CSV independently of the code that wrote it.
///
/// Records end with CRLF; a field holding a comma, a quote, CR or LF must be quoted, and a
/// quote inside a quoted field is doubled. Anything else (a bare line break or a stray quote
/// in an unquoted field, text after a closing quote, an unterminated quote) is an error.
enum CSV {
    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    static func parse(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        var recordNumber: Int { records.count + 1 }

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
        }

        while let first = scalars.first {
            if first == "\"" {
                guard field.isEmpty else { throw ParseError(description: "record \(recordNumber): quote inside an unquoted field") }
                scalars = scalars.dropFirst()
                var closed = false
                while let scalar = scalars.popFirst() {
                    if scalar == "\"" {
                        if scalars.first == "\"" {
                            field.append("\"")
                            scalars = scalars.dropFirst()
                        } else {
                            closed = true
                            break
                        }
                    } else {
                        field.append(scalar)
                    }
                }
                guard closed else { throw ParseError(description: "record \(recordNumber): unterminated quoted field") }
                guard scalars.first == nil || scalars.first == "," || scalars.first == "\r" else {
                    throw ParseError(description: "record \(recordNumber): text after a closing quote")
                }
                continue
            }
            scalars = scalars.dropFirst()
            switch first {
            case ",":
                endField()
            case "\r":
                guard scalars.popFirst() == "\n" else { throw ParseError(description: "record \(recordNumber): CR not followed by LF") }
                endField()
                records.append(record)
                record = []
            case "\n":
                throw ParseError(description: "record \(recordNumber): bare LF outside quotes")
            default:
                field.append(first)
            }
        }
        guard field.isEmpty, record.isEmpty else { throw ParseError(description: "record \(recordNumber): the last record has no CRLF") }
        return records
    }
}
