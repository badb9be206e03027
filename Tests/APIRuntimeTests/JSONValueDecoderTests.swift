import APIRuntime
import Foundation
import Testing

/// `JSONValueDecoder` decodes what `JSONDecoder` decodes, from the parsed value, and says
/// exactly where a value does not fit.
@Suite struct JSONValueDecoderTests {
    struct Page: Codable, Equatable {
        var totalCount: Int?
        var items: [Item]
        var next: String?
        var extra: JSONValue?
    }

    struct Item: Codable, Equatable {
        var id: String
        var count: Int?
        var weight: Double?
        var flags: [Bool]?
        var small: UInt8?
        var ratio: Float?
        var tags: [String: String]?
        var state: State?

        enum CodingKeys: String, CodingKey {
            case id, count, weight, flags, small, ratio, tags
            case state = "the-state"
        }
    }

    enum State: String, Codable, Equatable {
        case on, off
    }

    private func decodeBoth<T: Decodable & Equatable>(_ type: T.Type, _ json: String) throws -> (T, T) {
        let viaValue = try JSONValueDecoder().decode(type, from: JSONParser.parse(json))
        let viaFoundation = try JSONDecoder().decode(type, from: Data(json.utf8))
        return (viaValue, viaFoundation)
    }

    @Test func decodesWhatJSONDecoderDecodes() throws {
        let json = #"""
            {"totalCount": 2, "next": null, "extra": {"a": [1, "b", null]},
             "items": [{"id": "1", "count": 3, "weight": 2.5, "flags": [true, false], "small": 255, "ratio": 0.5,
                        "tags": {"k": "v"}, "the-state": "on"},
                       {"id": "2", "weight": 7, "unknown": {"nested": true}}]}
            """#
        let (viaValue, viaFoundation) = try decodeBoth(Page.self, json)
        #expect(viaValue == viaFoundation)
        #expect(viaValue.items[1].weight == 7)
        #expect(viaValue.extra == .object(["a": .array([.integer(1), .string("b"), .null])]))
        #expect(viaValue.next == nil)
    }

    @Test(arguments: [
        (#"{"items":[{"id":"1"},{"id":2}]}"#, "/items/1/id"),
        (#"{"items":[{"id":"1","count":"3"}]}"#, "/items/0/count"),
        (#"{"items":[{"id":"1","small":256}]}"#, "/items/0/small"),
        (#"{"items":[{"id":"1","count":1.5}]}"#, "/items/0/count"),
        (#"{"items":[{"id":"1","the-state":"dim"}]}"#, "/items/0/the-state"),
        (#"{"items":[{"count":1}]}"#, "/items/0"),
        (#"{"items":[{"id":null}]}"#, "/items/0/id"),
    ])
    func failuresNameTheirCodingPath(_ json: String, _ pointer: String) throws {
        do {
            _ = try JSONValueDecoder().decode(Page.self, from: JSONParser.parse(json))
            Issue.record("decoded \(json)")
        } catch let error as DecodingError {
            let context: DecodingError.Context? = switch error {
            case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context): context
            @unknown default: nil
            }
            let tokens = context?.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } ?? []
            #expect("/" + tokens.joined(separator: "/") == pointer, "\(error)")
        }
    }

    @Test func integralDecimalsDecodeAsIntegersExactly() throws {
        let page = try JSONValueDecoder().decode(Page.self, from: JSONParser.parse(#"{"items":[{"id":"1","count":3.0}]}"#))
        #expect(page.items[0].count == 3)
        let huge = #"{"items":[{"id":"1","count":123456789012345678901234567890}]}"#
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(Page.self, from: JSONParser.parse(huge)) }
    }
}
