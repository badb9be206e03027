/// The `pattern`s of one validation, each compiled with Swift `Regex` once.
///
/// `Regex` is not `Sendable`, so a shared validator cannot keep them between calls.
struct PatternCache {
    enum Compiled {
        case regex(Regex<AnyRegexOutput>)
        /// The pattern is not a regular expression Swift accepts.
        case invalid
    }

    private var compiled: [String: Compiled] = [:]

    /// `pattern`, compiled (on first use).
    mutating func regex(for pattern: String) -> Compiled {
        if let known = compiled[pattern] { return known }
        let result: Compiled
        do {
            result = .regex(try Regex(pattern))
        } catch {
            result = .invalid
        }
        compiled[pattern] = result
        return result
    }
}
