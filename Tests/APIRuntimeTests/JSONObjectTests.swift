import APIRuntime
import Testing

struct JSONObjectTests {
    @Test func parsedMembersKeepTheirOrder() throws {
        let object = try #require(try JSONParser.parse(Array(#"{"b":1,"a":2,"c":{"z":1,"y":2}}"#.utf8)).objectValue)
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["c"]?.objectValue?.keys == ["z", "y"])
        #expect(object.map(\.value) == [.integer(1), .integer(2), .object(["z": .integer(1), "y": .integer(2)])])
    }

    @Test func equalityAndHashingIgnoreOrder() {
        let one: JSONObject = ["a": .integer(1), "b": .object(["x": .bool(true)])]
        let other: JSONObject = ["b": .object(["x": .bool(true)]), "a": .integer(1)]
        #expect(one == other)
        #expect(one.hashValue == other.hashValue)
        #expect(Set([JSONValue.object(one), .object(other)]).count == 1)
        #expect(one != ["a": .integer(1), "b": .object(["x": .bool(false)])])
        #expect(one != ["a": .integer(1)])
        #expect(one != ["a": .integer(1), "c": .object(["x": .bool(true)])])
    }

    @Test func settingUpdatesInPlaceAppendsAndRemoves() {
        var object: JSONObject = ["a": .integer(1), "b": .integer(2)]
        object["a"] = .integer(3)
        object["c"] = .integer(4)
        #expect(object.keys == ["a", "b", "c"])
        #expect(object["a"] == .integer(3))
        #expect(object.updateValue(.integer(5), forKey: "b") == .integer(2))
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object.removeValue(forKey: "missing") == nil)
        #expect(object.dictionary == ["b": .integer(5), "c": .integer(4)])
    }

    @Test func aKeyGivenTwiceKeepsItsLastValueAtItsFirstPosition() {
        let object = JSONObject([(key: "a", value: .integer(1)), (key: "b", value: .integer(2)), (key: "a", value: .integer(3))])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .integer(3))
    }

    @Test func aDictionaryGivesItsMembersInKeyOrder() {
        let object = JSONObject(["c": .integer(1), "a": .integer(2), "b": .integer(3)] as [String: JSONValue])
        #expect(object.keys == ["a", "b", "c"])
    }

    /// Above the threshold the object keeps an index by key: every lookup, update and removal
    /// must agree with a dictionary's, across the threshold both ways.
    @Test func largeObjectsAgreeWithADictionary() throws {
        var object = JSONObject()
        var dictionary: [String: JSONValue] = [:]
        for number in 0..<(JSONObject.indexThreshold * 3) {
            object["k\(number)"] = .integer(number)
            dictionary["k\(number)"] = .integer(number)
        }
        for number in stride(from: 0, to: JSONObject.indexThreshold * 3, by: 3) {
            object["k\(number)"] = nil
            dictionary["k\(number)"] = nil
            object["k\(number + 1)"] = .string("updated")
            dictionary["k\(number + 1)"] = .string("updated")
        }
        #expect(object.dictionary == dictionary)
        for key in dictionary.keys { #expect(object[key] == dictionary[key], "\(key)") }
        #expect(object["k0"] == nil)
        while object.count > 2 { object.removeValue(forKey: object.keys[object.count / 2]) }
        #expect(object.count == 2)
        #expect(object[object.keys[0]] != nil && object[object.keys[1]] != nil)

        let parsed = try #require(
            try JSONParser.parse(Array(("{" + (0..<300).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}").utf8)).objectValue
        )
        #expect(parsed.count == 300)
        #expect(parsed.keys.first == "k0" && parsed.keys.last == "k299")
        #expect(parsed["k150"] == .integer(150))
    }

    @Test func mergingKeepsThisObjectsOrderThenAppendsTheOthers() {
        let base: JSONObject = ["a": .integer(1), "b": .integer(2)]
        let merged = base.merging(["b": .integer(20), "c": .integer(30)]) { old, new in
            .integer((old.intValue ?? 0) + (new.intValue ?? 0))
        }
        #expect(merged.keys == ["a", "b", "c"])
        #expect(merged["b"] == .integer(22))
        #expect(merged["c"] == .integer(30))
    }

    @Test func filterAndMapValuesKeepTheOrder() {
        let object: JSONObject = ["z": .integer(1), "y": .string("text"), "x": .integer(3)]
        #expect(object.filter { $0.value.intValue != nil }.keys == ["z", "x"])
        #expect(object.mapValues { _ in .null }.keys == ["z", "y", "x"])
        #expect(object.mapValues { _ in .null }["y"] == .null)
    }

    @Test func descriptionIsCompactJSONWithSortedKeys() {
        let object: JSONObject = ["b": .integer(1), "a": .array([.bool(true), .string("x")])]
        #expect(object.description == #"{"a":[true,"x"],"b":1}"#)
    }
}
