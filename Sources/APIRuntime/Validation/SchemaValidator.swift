/// Checks JSON values against ``JSONSchema``s and reports every violation with its pointer.
///
/// A value is first checked by a quick walk that only answers whether it conforms; the
/// walk that finds and describes violations runs only when it does not.
///
/// Violations come in a deterministic order — a value's own problems first, then its
/// array items in order and its object members by sorted key — and validation stops
/// once ``maximumViolations`` have been found. The walk uses an explicit work list, not
/// recursion, so no value is too deep for it; `$ref` chains are bounded too.
///
/// Composition: each schema of `allOf` reports its own violations. `anyOf` and a `oneOf`
/// that none of its schemas accepts report one violation at the value, then the
/// violations of the schema with the fewest (the likely intent), each schema being
/// checked in a nested run bounded by ``maximumViolations``. A `oneOf` with a
/// ``JSONSchema/Discriminator`` checks the one schema the discriminator picks and reports
/// its violations as they are; a discriminator value it does not know is accepted.
///
/// `pattern`s are compiled with Swift `Regex` once per ``validate(_:against:)`` call
/// (`Regex` is not `Sendable`, so a shared validator cannot keep them); a pattern that
/// does not compile is reported as a violation.
///
/// Messages: `expected string, got number`, `expected integer or null, got string`,
/// `missing required property 'id'`, `unexpected property 'foo'`,
/// `value "x" is not one of "a", "b"`, `expected constant "IndirectReseller"`,
/// `"abc" is not a valid uuid`, `string shorter than 3 characters`,
/// `string longer than 10 characters`, `string does not match pattern '^a'`,
/// `500 is greater than the maximum 499`, `0 is less than the minimum 1`,
/// `array has fewer than 1 items`, `array has more than 5 items`,
/// `matched none of the 3 schemas of anyOf`, `matched none of the 3 schemas of oneOf`,
/// `matched 2 of the 3 schemas of oneOf (0, 2; exactly one must match)`,
/// `missing discriminator 'attributes.objectType'`.
public struct SchemaValidator: Sendable {
    /// The default bound on reported violations.
    public static let defaultMaximumViolations = 20

    /// The schemas `$ref`s resolve against.
    public let registry: SchemaRegistry
    /// After this many violations, validation stops.
    public let maximumViolations: Int

    /// A validator resolving `$ref`s in `registry`.
    ///
    /// - Parameters:
    ///   - registry: The named schemas.
    ///   - maximumViolations: After this many violations, validation stops.
    public init(registry: SchemaRegistry = SchemaRegistry(), maximumViolations: Int = defaultMaximumViolations) {
        self.registry = registry
        self.maximumViolations = maximumViolations
    }

    /// The ways `value` fails `schema`; empty when it conforms.
    ///
    /// - Parameters:
    ///   - value: The value to check.
    ///   - schema: The schema it must match.
    /// - Returns: At most ``maximumViolations`` violations, in a deterministic order.
    public func validate(_ value: JSONValue, against schema: JSONSchema) -> [SchemaViolation] {
        let root = registry.compiled(schema)
        var check = ConformanceCheck(registry: registry)
        if check.conforms(value, to: root) { return [] }
        var run = ValidationRun(registry: registry, maximumViolations: maximumViolations, patterns: check.patterns)
        return run.validate(value, against: root)
    }

    /// The ways `value` fails the registry's schema `name`; empty when it conforms.
    ///
    /// - Parameters:
    ///   - value: The value to check.
    ///   - name: The schema's name in ``registry``; a missing name is reported as a violation.
    /// - Returns: At most ``maximumViolations`` violations, in a deterministic order.
    public func validate(_ value: JSONValue, againstSchemaNamed name: String) -> [SchemaViolation] {
        var schema = JSONSchema()
        schema.reference = name
        return validate(value, against: schema)
    }
}
