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
              cents: { type: number, multipleOf: 0.01 }
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
        // A keyword reaches the compiled document and the export through the schema's one writer.
        #expect(compiled.contains(#""multipleOf": 0.01"#))
        #expect(OpenAPITranslator.document(for: spec).prettyJSON().contains(#""multipleOf": 0.01"#))
    }

    /// The bound `text` as the loader reads it: its literal, or the loader's message.
    private static func minimum(_ text: String) -> String {
        let spec = """
            api: Numbers
            servers: { default: https://numbers.example }
            schemas:
              Amount: { type: number, minimum: \(text) }
            """
        do {
            let loaded = try SpecLoader().load(text: spec, path: "/numbers/bound.yaml")
            return loaded.schema(named: "Amount")?.schema.minimum?.text ?? "none"
        } catch {
            return "\(error)"
        }
    }

    @Test func aNumberKeepsItsLiteral() {
        #expect(Self.minimum("1.50") == "1.50")
        #expect(Self.minimum("-0.0") == "-0.0")
        #expect(Self.minimum("2.5e3") == "2.5e3")
        #expect(Self.minimum("+5") == "5")
        for refused in [".5", "inf", ".nan", "1e400"] {
            #expect(Self.minimum(refused).contains("'minimum' must be a number"), "\(refused): not a finite JSON number")
        }
    }
}
