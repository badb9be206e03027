@testable import APIRuntime
import Testing

@Suite("JSONKeyTable")
struct JSONKeyTableTests {
    /// Keys that share a length, a first eight bytes, or both, and the empty key, so that
    /// matching cannot rely on the signature alone.
    private let keys = [
        "", "id", "ids", "relationshipToPartner", "relationshipToPartnes", "relationshipToPartner2",
        "allowDelegatedAccess", "allowDel", "allowDe", "é", "名前", "links", "self",
    ]

    @Test("each key is found at its position")
    func findsEveryKey() {
        let table = JSONKeyTable(keys)
        for (position, key) in keys.enumerated() {
            #expect(table.position(of: key) == position, "\(key)")
        }
    }

    @Test("keys it does not hold are not found", arguments: [
        "i", "di", "relationshipToPartnex", "RelationshipToPartner", "allowDelegatedAccesS", "allowD",
        "e\u{301}", "名", "links ", "selfie",
    ])
    func missesOthers(_ key: String) {
        #expect(JSONKeyTable(keys).position(of: key) == nil)
    }

    @Test("a key given twice is found at its first position")
    func duplicates() {
        #expect(JSONKeyTable(["a", "b", "a"]).position(of: "a") == 0)
    }

    @Test("an empty table finds nothing")
    func empty() {
        #expect(JSONKeyTable([]).position(of: "") == nil)
        #expect(JSONKeyTable([]).position(of: "id") == nil)
    }

    @Test("large tables keep finding every key")
    func large() {
        let many = (0..<1_000).map { "property\($0)" }
        let table = JSONKeyTable(many)
        for (position, key) in many.enumerated() {
            #expect(table.position(of: key) == position)
        }
        #expect(table.position(of: "property1000") == nil)
    }
}
