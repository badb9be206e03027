import PartnerCenter

/// The ways the responses of one command broke the spec, under `--validation warn`: each named
/// on standard error as it comes, with its JSON pointer; the command then exits 65.
struct ReportedViolations {
    private(set) var count = 0

    /// Names `violations` on standard error, with the page they are in when `page` is given.
    mutating func note(_ violations: [SchemaViolation], page: Int? = nil) {
        for violation in violations {
            let place = page.map { "page \($0): " } ?? ""
            Terminal.note("partner-center: warning: \(place)\(Terminal.printable(violation.description))")
        }
        count += violations.count
    }

    /// Fails (exit 65) when any violation was named.
    func finish() throws {
        guard count > 0 else { return }
        throw SpecViolationsPrinted(count: count)
    }

    /// Names `violations` on standard error and fails when there are any: for one response.
    static func check(_ violations: [SchemaViolation]) throws {
        var reported = ReportedViolations()
        reported.note(violations)
        try reported.finish()
    }
}

/// The responses broke the spec and were printed anyway (`--validation warn`): exit 65.
struct SpecViolationsPrinted: Error, CustomStringConvertible {
    let count: Int

    var description: String {
        "the response broke the spec in \(count) place\(count == 1 ? "" : "s") (named above); it was printed as received"
    }
}
