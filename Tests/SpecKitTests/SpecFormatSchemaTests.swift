import Foundation
import Testing
import TestSupport

/// `spec/spec.schema.json`, the JSON Schema editors use to check spec files, agrees with the
/// loader on real and broken specs (checked with Python's `jsonschema` and PyYAML).
@Suite("Spec format JSON Schema")
struct SpecFormatSchemaTests {
    /// Validates each YAML file against spec.schema.json; prints `PATH OK` or `PATH INVALID`.
    private static let script = """
        import json, sys, yaml, jsonschema
        def keys(x):
            if isinstance(x, dict): return {str(k): keys(v) for k, v in x.items()}
            if isinstance(x, list): return [keys(v) for v in x]
            return x
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        for path in sys.argv[2:]:
            errors = list(validator.iter_errors(keys(yaml.safe_load(open(path)))))
            print(path, "OK" if not errors else "INVALID")
        """

    private func verdicts(_ files: [URL]) async throws -> [String: String] {
        let specDirectory = try #require(Fixtures.specDirectory())
        let schema = specDirectory.appendingPathComponent("spec.schema.json").path
        let result = try await Subprocess.run(command: "python3", ["-c", Self.script, schema] + files.map(\.path), timeLimit: 60)
        #expect(result.status == 0, "python3 with jsonschema and PyYAML (pip install jsonschema pyyaml): \(result)")
        let output = result.stdout
        var verdicts: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { verdicts[String(parts[0])] = String(parts[1]) }
        }
        return verdicts
    }

    @Test func realSpecFilesAndValidFixturesAreAccepted() async throws {
        let specDirectory = try #require(Fixtures.specDirectory())
        let specs = try FileManager.default.contentsOfDirectory(at: specDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        let valid = try FileManager.default.contentsOfDirectory(at: Fixtures.valid, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
        let files = specs + valid
        #expect(files.count >= 5)
        let verdicts = try await verdicts(files)
        for file in files {
            #expect(verdicts[file.path] == "OK", "\(file.lastPathComponent)")
        }
    }

    @Test(arguments: [
        "01-unknown-keyword-with-suggestion", "02-unknown-keyword-without-suggestion", "05-required-not-a-sequence",
        "07-unknown-type-with-suggestion", "09-malformed-ref", "16-method-not-allowed", "17-missing-operation-keys",
        "19-bad-response-status", "21-tolerant-without-enum", "25-bad-header-name", "26-generated-header-without-per",
        "54-deprecated-not-a-bool",
    ])
    func brokenSpecsTheSchemaCanSeeAreRejected(_ name: String) async throws {
        let file = Fixtures.broken.appendingPathComponent(name + ".yaml")
        #expect(try await verdicts([file])[file.path] == "INVALID")
    }
}
