import Testing
@testable import SpecKit

/// `Suggestion`: the "did you mean …?" of unknown keywords, types, methods and `$ref` names.
@Suite("Suggestions")
struct SuggestionTests {
    /// `(misspelt word, candidates, expected suggestion)`.
    static let cases: [(String, [String], String?)] = [
        ("propertes", SchemaDecoder.keywords, "properties"),
        ("maxLenght", SchemaDecoder.keywords, "maxLength"),
        ("colour", SchemaDecoder.keywords, nil),
        ("strng", ["string", "integer", "number", "boolean", "object", "array", "null"], "string"),
        ("get", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], "GET"),
        ("FETCH", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], nil),
        ("Persn", ["Person", "Thing"], "Person"),
        ("Owner", ["Person", "Thing"], nil),
        ("x", ["y", "xy"], "xy"),
    ]

    @Test("The nearest candidate within a third of the word's length is suggested", arguments: cases)
    func nearestCandidateIsSuggested(word: String, candidates: [String], expected: String?) {
        #expect(Suggestion.nearest(to: word, in: candidates) == expected)
    }

    @Test("Among equally near candidates, the alphabetically first wins, whatever their order")
    func tiesGoToTheFirstNameInOrder() {
        #expect(Suggestion.nearest(to: "cat", in: ["cot", "bat", "car"]) == "bat")
        #expect(Suggestion.nearest(to: "cat", in: ["car", "cot", "bat"]) == "bat")
    }

    @Test("The clause reads ' (did you mean 'x'?)', or nothing without a suggestion")
    func clauseIsEmptyWithoutSuggestion() {
        #expect(Suggestion.clause(for: "propertes", in: ["properties"]) == " (did you mean 'properties'?)")
        #expect(Suggestion.clause(for: "colour", in: ["properties"]) == "")
        #expect(Suggestion.clause(for: "anything", in: [String]()) == "")
    }

    /// `(a, b, Levenshtein distance)`.
    static let distances: [(String, String, Int)] = [
        ("", "", 0), ("", "abc", 3), ("abc", "", 3), ("kitten", "sitting", 3),
        ("name", "nmae", 2), ("propertes", "properties", 1), ("é", "e", 1),
    ]

    @Test("Edit distance is the Levenshtein distance over characters", arguments: distances)
    func editDistanceIsLevenshtein(a: String, b: String, distance: Int) {
        #expect(Suggestion.editDistance(a, b) == distance)
        #expect(Suggestion.editDistance(b, a) == distance)
    }
}
