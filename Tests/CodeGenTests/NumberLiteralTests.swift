import CodeGen
import SpecKit
import Testing

/// A number in the spec reaches the compiled spec and the export as written, never through a
/// `Double` (`0.10` stays `0.10`, thirty digits stay thirty digits).
@Suite struct NumberLiteralTests {
    static let spec = """
        api: Numbers
        servers: { default: https://numbers.example }
        schemas:
          Price:
            type: object
            properties:
              amount: { type: number, minimum: 0.10, maximum: 123456789012345678901234567890.5 }
              rate: { type: number, maximum: 1e-7 }
              count: { type: integer, minimum: +5, maximum: 0x1A }
        """

    @Test func boundsAreWrittenAsTheSpecWritesThem() throws {
        let spec = try SpecLoader().load(text: Self.spec, path: "/numbers/numbers.yaml")
        let compiled = try #require(Generator.generate(spec).byName["CompiledSpec.swift"])
        #expect(compiled.contains(#""minimum": 0.10"#))
        #expect(compiled.contains(#""maximum": 123456789012345678901234567890.5"#))
        #expect(compiled.contains(#""maximum": 1e-7"#))
        // YAML reads `+5` and `0x1A` as numbers; JSON has no such literals: their values.
        #expect(compiled.contains(#""minimum": 5"#))
        #expect(compiled.contains(#""maximum": 26"#))
    }

    @Test func aNumberKeepsItsLiteralAndComparesByValue() {
        #expect(SpecNumber(text: "1.50")?.literal == "1.50")
        #expect(SpecNumber(text: "1.50") == SpecNumber(text: "1.5"))
        #expect(SpecNumber(text: ".5") == nil)
        #expect(SpecNumber(text: "inf") == nil)
        #expect(SpecNumber(text: "-0.0")?.literal == "-0.0")
        #expect(SpecNumber(2.5).literal == "2.5")
        #expect(SpecNumber(text: "1e400") == nil, "not finite as a Double: refused, as before")
    }
}
