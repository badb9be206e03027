import CodeGen
import SpecKit
import Testing

/// OpenAPI's implicit discriminator mapping is applied once, here: the compiled spec carries
/// the mapping whole, and the runtime only looks kinds up.
@Suite struct DiscriminatorMappingTests {
    static let spec = """
        api: Kinds
        servers: { default: https://kinds.example }
        schemas:
          Named: { type: object, required: [kind, name], properties: { kind: { type: string }, name: { type: string } } }
          Identified: { type: object, required: [kind, id], properties: { kind: { type: string }, id: { type: string, format: uuid } } }
          Thing:
            oneOf: [{ $ref: '#/schemas/Named' }, { $ref: '#/schemas/Identified' }]
            discriminator: { propertyName: kind, mapping: { named: '#/schemas/Named' } }
        """

    @Test func theCompiledMappingListsEveryReferenceBranch() throws {
        let spec = try SpecLoader().load(text: Self.spec, path: "/kinds/kinds.yaml")
        let thing = try #require(spec.schema(named: "Thing")?.schema)
        #expect(thing.discriminatorMapping?.map(\.value) == ["named", "Named", "Identified"])
        let compiled = try #require(Generator.generate(spec).byName["CompiledSpec.swift"])
        #expect(compiled.contains(##""Identified": "#/schemas/Identified""##))
        #expect(compiled.contains(##""named": "#/schemas/Named""##))
    }
}
