import ArgumentParser

/// `--max-pages`, for the commands that follow a listing page after page.
struct PageLimitOptions: ParsableArguments {
    @Option(name: .long, help: "For a paged operation: stop after this many pages.")
    var maxPages: Int?

    func validate() throws {
        if let maxPages, maxPages < 1 {
            throw ValidationError("--max-pages must be at least 1, got \(maxPages).")
        }
    }
}
