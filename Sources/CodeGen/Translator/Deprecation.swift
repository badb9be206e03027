/// How Swift says that the spec deprecates an operation or a property: an
/// `@available(*, deprecated, message:)` attribute and a note in the doc comment.
enum Deprecation {
    /// The doc-comment line of a deprecated method, property or model.
    static let note = "/// - Note: Deprecated in the spec."

    /// `@available(*, deprecated, message: "SUBJECT is deprecated in the API's spec")`, the
    /// message one escaped string literal.
    static func attribute(_ subject: String) -> String {
        "@available(*, deprecated, message: \(SwiftLiteral.string(subject + " is deprecated in the API's spec")))"
    }

    /// `doc` with the deprecation note as its last paragraph.
    static func documented(_ doc: [String]) -> [String] {
        doc.isEmpty ? [note] : doc + ["///", note]
    }
}
