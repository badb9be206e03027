/// A JSON type name, as the `type` keyword writes it: one definition for the spec loader
/// (SpecKit), the generator and the runtime's validator.
public enum JSONType: String, Sendable, Hashable, CaseIterable, Comparable {
    case string, integer, number, boolean, object, array, null

    /// The order of ``allCases``, the order in which the loader lists the types it knows.
    public static func < (lhs: JSONType, rhs: JSONType) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
