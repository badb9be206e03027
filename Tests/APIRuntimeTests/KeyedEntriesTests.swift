import APIRuntime
import Testing

/// A schema's properties and a discriminator's mapping: kept in the order written, each key
/// once, looked up by key, equal whatever their order.
@Suite struct KeyedEntriesTests {
    @Test func orderIsKeptAndTheFirstOfAKeyWins() {
        let properties = JSONSchema.Properties([
            .init(name: "b", schema: JSONSchema(reference: "B")), .init(name: "a", schema: JSONSchema()),
            .init(name: "b", schema: JSONSchema(reference: "Other")),
        ])
        #expect(properties.keys == ["b", "a"])
        #expect(properties["b"] == JSONSchema(reference: "B"))
        #expect(properties["missing"] == nil)
    }

    @Test func settingAddsReplacesAndRemoves() {
        var mapping: JSONSchema.Discriminator.Mapping = ["LicenseBased": "LicenseBasedLineItem"]
        mapping["OneTime"] = "OneTimeLineItem"
        mapping["LicenseBased"] = "Licenses"
        #expect(mapping.map(\.value) == ["LicenseBased", "OneTime"])
        #expect(mapping["LicenseBased"] == "Licenses")
        mapping["LicenseBased"] = nil
        #expect(mapping.map(\.schemaName) == ["OneTimeLineItem"])
    }

    @Test func equalityIgnoresOrder() {
        let one: JSONSchema.Discriminator.Mapping = ["a": "A", "b": "B"]
        let other: JSONSchema.Discriminator.Mapping = ["b": "B", "a": "A"]
        #expect(one == other && one.hashValue == other.hashValue)
        #expect(one != ["a": "A", "b": "C"])
        #expect(one != ["a": "A"])
    }

    /// Past the index threshold (a hostile spec or document), lookups stay right, and fast.
    @Test func manyEntriesAreIndexed() {
        let count = 20_000
        var properties = JSONSchema.Properties((0..<count).map { .init(name: "p\($0)", schema: JSONSchema()) })
        #expect(properties.count == count)
        #expect(properties["p19999"] == JSONSchema() && properties["p20000"] == nil)
        properties["p0"] = nil
        properties["new"] = JSONSchema(reference: "New")
        #expect(properties.keys.first == "p1" && properties.keys.last == "new")
        #expect(properties["p1"] == JSONSchema() && properties["p0"] == nil && properties["new"] == JSONSchema(reference: "New"))
        let reversed = JSONSchema.Properties(properties.reversed())
        #expect(reversed == properties)
    }
}
