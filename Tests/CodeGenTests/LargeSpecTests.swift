import CodeGen
import SpecKit
import TestSupport
import Testing

/// Specs far larger than Partner Center's load and generate: no limit meant for hostile
/// input (alias expansion, nesting) refuses a legitimate spec.
@Suite struct LargeSpecTests {
    /// 2,000 operations are 33 times Partner Center's 60 (10,000 take 20 s of a debug build's
    /// CPU; Benchmarks/scripts/generation-scale.sh times 10,000 in release). The alias limit
    /// is set to none at all: nodes written out are never counted against it.
    @Test("A spec of 2,000 operations and 2,000 schemas, written without aliases, loads with no alias expansion allowed and generates")
    func thousandsOfOperations() async throws {
        let count = 2_000
        // Seconds of work: on a thread of its own, not one that other tests' timers need.
        let (spec, files) = try await offThePool {
            let loader = SpecLoader(yaml: YAMLLoader(maximumAliasExpansion: 0))
            let spec = try loader.load(text: SyntheticSpec.text(operations: count), path: "/synthetic/large.yaml")
            return (spec, Generator.generate(spec).byName)
        }
        #expect(spec.operations.count == count)
        #expect(spec.schemas.count == count)

        let operations = files.specFilesText
        let models = files.specFilesText
        // Each operation's method and its `…Response` twin.
        #expect(operations.occurrences(of: "    public func getThing") == 2 * count)
        #expect(operations.occurrences(of: "Response(thingId: Swift.String, size: Swift.Int? = nil) async throws -> APIRuntime.APIResponse<Thing") == count)
        #expect(operations.contains("public func getThing1999(thingId: Swift.String, size: Swift.Int? = nil) async throws -> Thing1999 {"))
        #expect(models.occurrences(of: "public struct Thing") == count)
    }

    @Test("A schema nested 100 objects deep (over 200 YAML levels) loads and generates")
    func deeplyNestedSchema() throws {
        let depth = 100
        var schema = "{ type: string }"
        for level in (0..<depth).reversed() {
            schema = "{ type: object, properties: { level\(level): \(schema) } }"
        }
        let text = SyntheticSpec.text(operations: 1) + "  Deep: \(schema)\n"
        let spec = try SpecLoader().load(text: text, path: "/synthetic/deep.yaml")
        let models = Generator.generate(spec).byName.specFilesText
        #expect(models.contains("public var level99: Swift.String?"))
    }
}

/// Spec text of the shape the performance figures use: N `GET` operations, each with a path
/// parameter, a query parameter and its own 8-property schema.
enum SyntheticSpec {
    static func text(operations count: Int) -> String {
        var lines = ["api: Synthetic", "servers:", "  default: https://api.example.com", "auth: bearer", "operations:"]
        for index in 0..<count {
            lines += [
                "  getThing\(index):",
                "    summary: Get thing \(index)",
                "    method: GET",
                "    path: /v1/things\(index)/{thing-id}",
                "    parameters:",
                "      path:",
                "        thing-id: { argument: thingId, schema: { type: string, format: uuid } }",
                "      query:",
                "        size: { schema: { type: integer, minimum: 1, maximum: 500 } }",
                "    responses:",
                "      200: { $ref: '#/schemas/Thing\(index)' }",
            ]
        }
        lines.append("schemas:")
        for index in 0..<count {
            lines += [
                "  Thing\(index):",
                "    type: object",
                "    required: [id]",
                "    properties:",
                "      id: { type: string, format: uuid }",
                "      name: { type: string, maxLength: 200 }",
                "      count: { type: integer, minimum: 0 }",
                "      ratio: { type: number }",
                "      active: { type: boolean }",
                "      createdAt: { type: string, format: date-time }",
                "      tags: { type: array, items: { type: string } }",
                "      notes: { type: [string, 'null'] }",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// How many times `needle` occurs, without overlaps.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
