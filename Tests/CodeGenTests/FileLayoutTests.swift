import CodeGen
import Foundation
import SpecKit
import Testing

/// One generated file per spec file, and parts of a large one that stay put.
@Suite struct FileLayoutTests {
    @Test func aSpecFileGivesAFileNamedAfterIt() {
        #expect(FileLayout.fileNames(forSpecFile: "/s/customers.yaml", byteCount: 9_000) == ["customers.spec.swift"])
        #expect(FileLayout.fileNames(forSpecFile: "reseller-relationships.yml", byteCount: 0) == ["reseller-relationships.spec.swift"])
        #expect(FileLayout.fileNames(forSpecFile: "/s/big.yaml", byteCount: 40_000) == ["big.1.spec.swift", "big.2.spec.swift", "big.3.spec.swift"])
        #expect(FileLayout.partCount(byteCount: 16_383) == 1)
        #expect(FileLayout.partCount(byteCount: 16_384) == 2)
        #expect(FileLayout.partCount(byteCount: 10_000_000) == FileLayout.maximumParts)
    }

    @Test func eachFileHoldsWhatItsSpecFileDefines() throws {
        let spec = try SpecLoader().load(paths: [SourceTree.url("spec/partner-center.yaml").path])
        let files = Generator.generate(spec).byName
        let relationships = try #require(files["relationships.spec.swift"])
        #expect(relationships.contains("public struct PartnerRelationship: "))
        #expect(!(files["partner-center.spec.swift"] ?? "").contains("public struct PartnerRelationship: "))
        #expect((files["partner-center.spec.swift"] ?? "").contains("public func getCustomersOfIndirectReseller("))
    }

    /// A declaration added to a large spec file changes its own part and the compiled spec:
    /// the others stay byte for byte, so their compiled objects are reused.
    @Test func addingToALargeSpecFileMovesNothingElse() throws {
        let text = SyntheticSpec.text(operations: 60)
        let before = Generator.generate(try SpecLoader().load(text: text, path: "/synthetic/api.yaml")).byName
        let edited = text.replacingOccurrences(of: "schemas:\n", with: "schemas:\n  Added:\n    type: object\n    properties:\n      id: { type: string }\n")
        let after = Generator.generate(try SpecLoader().load(text: edited, path: "/synthetic/api.yaml")).byName
        let parts = before.keys.filter { $0.hasPrefix("api.") }
        #expect(parts.count == FileLayout.partCount(byteCount: text.utf8.count) && parts.count > 1)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        #expect(changed.count == 2 && changed.contains("CompiledSpec.swift"), "\(changed.sorted())")
        let part = try #require(changed.first { $0 != "CompiledSpec.swift" })
        #expect(after[part]?.contains("public struct Added: ") == true)
    }
}
