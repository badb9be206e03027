import APIRuntime
import Foundation
import HostileNames
import Testing

/// A client generated from Tests/Fixtures/HostileNames/hostile.yaml compiles (this target
/// builds) and keeps every hostile name and value exactly.
@Suite struct HostileNamesTests {
    @Test func modelsRoundTripHostileKeys() throws {
        let value = Type_(
            default: [String_(value: "\"\"\" \\(x) */")],
            self_: "s", type: 1, class: Protocol_(next: Link(uri: "/next")), kind: .aB,
            quotedName: "q", backSlash: "b", hasSpace: "h", u540D_524D: "名", _123start: 1.5,
            fooBar: "dash", fooBar_2: "underscore", init_: true, codingKeys: "k",
            inline: Type_.Inline(string: "S", nested: .bC_2)
        )
        let data = try JSONEncoder().encode(value)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == [
            "default", "self", "Type", "class", "kind", "quoted\"name", "back\\slash", "has space", "名前", "123start",
            "foo-bar", "foo_bar", "init", "CodingKeys", "inline",
        ])
        #expect((object["inline"] as? [String: Any])?["nested"] as? String == "b_c")
        #expect(try JSONDecoder().decode(Type_.self, from: data) == value)
    }

    @Test func hostileEnumValuesRoundTrip() throws {
        let raws = ["", "a\"b", "\\(exploit)", "*/", "line\nbreak", "undocumented", "rawValue", "default", "Ünïcödé", "🙂"]
        #expect(Self_.documented.map(\.rawValue) == raws)
        for raw in raws {
            #expect(Self_(rawValue: raw).rawValue == raw)
            if case .undocumented = Self_(rawValue: raw) {
                Issue.record("documented value \(raw.debugDescription) decoded as undocumented")
            }
        }
        #expect(Self_(rawValue: "new") == .undocumented("new"))
    }

    /// Reads the properties the spec deprecates, so it is deprecated itself: the generated
    /// model's own members use their storage and build without a warning.
    @Test @available(*, deprecated, message: "exercises the properties hostile.yaml deprecates")
    func deprecatedPropertiesKeepTheirValues() throws {
        var value = Type_(default: [], self_: "old", class: Protocol_(previous: Protocol_(next: Link(uri: "/before"))))
        #expect(value.self_ == "old")
        #expect(value.class?.previous?.next?.uri == "/before")
        value.self_ = "older"
        value.class?.previous = nil
        let json = value.toJSON()
        #expect(json["self"] == .string("older"))
        #expect(json["class"] == .object([:]))
        let decoded = try Type_(fromJSON: .object(["default": .array([]), "self": .string("s"), "class": .object(["previous": .object([:])])]))
        #expect(decoded.self_ == "s")
        #expect(decoded.class?.previous == Protocol_())
    }

    @Test func inlineEnumsOfParametersAreTypesNamedAfterTheirOperation() {
        // A query parameter's inline enum and a flattened JSON parameter's enum property:
        // types of their own (this target would not build otherwise), values kept exactly.
        #expect(InitTargetView.allCases.map(\.rawValue) == ["Azure", "OnlineServices", "\"x\"", "none"])
        // `none` is `none_`: on an optional, `.none` would be nil.
        let view: InitTargetView? = .none_
        #expect(view != nil && view?.rawValue == "none")
        #expect(InitFilterOperator.allCases.map(\.rawValue) == ["starts_with", "equals"])
    }

    @Test func hostileSpecCompilesIntoAReadableDocument() throws {
        let contents = try HostileClient.document.get()
        #expect(contents.operations.keys.sorted() == ["available", "init", "self"])
        // `deprecated: true` is in the compiled spec; an operation without it is not deprecated.
        #expect(contents.operations.values.filter(\.annotations.isDeprecated).map(\.id).sorted() == ["available", "init"])
        // Text that would end a raw string literal or interpolate in one, read back as written.
        #expect(contents.operations["init"]?.annotations.summary == ###"Summary with */ and \(danger) and """ and \#(raw) \##(rawer) """## #"""#"###)
        #expect(contents.headers.first { $0.name == "X-Quote" }?.source == .fixed("a\"b\\c"))
        #expect(HostileClient.Server.allCases.map(\.rawValue).sorted() == ["cn-\"x\"", "default"])
    }
}
