import APIDescription

/// What a declaration's ``Annotations`` add to its Swift besides the description: the one
/// place the generator turns an annotation into Swift. Today that is `deprecated`, said with
/// an `@available(*, deprecated, message:)` attribute and a note in the doc comment.
struct Decorations {
    /// Attribute lines printed before the declaration.
    let attributes: [String]
    /// Doc-comment lines that close its documentation (each paragraph after a `///` line).
    let notes: [String]

    /// The decorations of a declaration with `annotations`; `subject` names it in an
    /// attribute's message (`Customer.companyName`), and nil asks for notes only (a type,
    /// whose uses the spec check already points at).
    init(_ annotations: Annotations, subject: String?) {
        guard annotations.isDeprecated else {
            (attributes, notes) = ([], [])
            return
        }
        attributes = subject.map { ["@available(*, deprecated, message: \(SwiftLiteral.string($0 + " is deprecated in the API's spec")))"] } ?? []
        notes = ["///", "/// - Note: Deprecated in the spec."]
    }

    /// `doc` followed by the notes (without a leading blank line when `doc` is empty).
    func documented(_ doc: [String]) -> [String] {
        doc.isEmpty ? Array(notes.drop { $0 == "///" }) : doc + notes
    }
}
