@testable import APIRuntime
import Testing

/// The violations of `value` against `schema` (both JSON text, `$ref`s into `registry`), as
/// descriptions; checks on the way that the quick conformance walk agrees with them.
func violations(
    of value: String, against schema: String, registry: String, maximumViolations: Int = 20
) throws -> [String] {
    let registry = try SchemaRegistry(json: JSONParser.parse(registry))
    let text = value
    let value = try JSONParser.parse(text)
    let schema = try JSONSchema(json: JSONParser.parse(schema))
    let violations = SchemaValidator(registry: registry, maximumViolations: maximumViolations).validate(value, against: schema)
    #expect(conformanceAgrees(value, schema, registry), "the quick walk and the full run disagree on \(JSONWriter.string(from: value))")
    var scan = ConformanceScan(registry: registry)
    let scanned = Array(text.utf8).withUnsafeBufferPointer { scan.conforms($0, to: registry.compiled(schema)) }
    #expect(!scanned || violations.isEmpty, "the byte-level scan accepts \(text), which has violations")
    return violations.map(\.description)
}

/// Whether ``ConformanceCheck`` says yes exactly when a ``ValidationRun`` finds nothing.
func conformanceAgrees(_ value: JSONValue, _ schema: JSONSchema, _ registry: SchemaRegistry) -> Bool {
    let root = registry.compiled(schema)
    var check = ConformanceCheck(registry: registry)
    var run = ValidationRun(registry: registry, maximumViolations: 1)
    return check.conforms(value, to: root) == run.validate(value, against: root).isEmpty
}
