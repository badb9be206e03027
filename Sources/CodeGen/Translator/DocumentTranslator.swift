import APIDescription
import JSONValues
import SpecKit

/// The compiled document the runtime interprets (``CompiledDocument``): the spec's APIs,
/// operations and schemas, the very values the loader read. Their types write their own JSON
/// form, which the runtime reads back with them: one key contract, in `APIDescription`.
///
/// Shared behaviour lives in the runtime, generic over this document, so the generated code
/// per operation stays a few lines long.
enum DocumentTranslator {
    /// The compiled document's JSON, as `CompiledSpec.swift` embeds it.
    static func document(for spec: Spec) -> JSONValue {
        compiled(spec).json
    }

    static func compiled(_ spec: Spec) -> CompiledDocument {
        CompiledDocument(
            api: spec.api, apis: Dictionary(spec.apis.map { ($0.name, $0) }) { first, _ in first },
            operations: Dictionary(spec.operations.map { ($0.id, $0) }) { first, _ in first },
            schemas: Dictionary(spec.schemas.map { ($0.name, $0.schema) }) { first, _ in first }
        )
    }
}
