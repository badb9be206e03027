/// What an object allows besides its declared properties (`additionalProperties`): one
/// definition for the spec loader's schemas and the runtime's, generic over the schema type.
public indirect enum AdditionalProperties<Schema: Sendable & Hashable>: Sendable, Hashable {
    /// Any other property (`true`) or none (`false`).
    case allowed(Bool)
    /// Other properties, each matching this schema.
    case schema(Schema)
}
