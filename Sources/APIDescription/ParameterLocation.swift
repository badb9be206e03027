/// Where a parameter of an operation goes, as the spec loader reads it and the runtime sends
/// it; ordered as the spec format lists them (path, query, header).
public enum ParameterLocation: String, Sendable, Hashable, CaseIterable, Comparable {
    case path, query, header

    public static func < (lhs: ParameterLocation, rhs: ParameterLocation) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
