@testable import CodeGen
import Testing

@Suite struct NamingTests {
    @Test(arguments: [
        ("companyProfile", "companyProfile"), ("MS-ContinuationToken", "msContinuationToken"),
        ("microsoft_support", "microsoftSupport"), ("IndirectReseller", "indirectReseller"), ("123start", "_123start"),
        ("init", "init_"), ("self", "self_"), ("rawValue", "rawValue_"), ("", "unnamed"), ("名前", "u540D_524D"), ("_", "u5F"),
        ("Ünïcödé", "unicode"), ("société-générale", "societeGenerale"),
    ])
    func memberNamesAreLowerCamelCaseAndSafe(_ spec: String, _ swift: String) {
        #expect(Naming.memberName(spec) == swift)
    }

    @Test(arguments: [
        ("customer", "Customer"), ("Type", "Type_"), ("String", "String_"), ("link-headers", "LinkHeaders"), ("class", "Class"),
        ("123start", "T123start"), ("", "Unnamed"), ("名前", "U540D_524D"), ("_", "U5F"),
    ])
    func typeNamesAreUpperCamelCaseAndNeverShadowSwift(_ spec: String, _ swift: String) {
        #expect(Naming.typeName(spec) == swift)
    }

    /// A type and a member of the same spec name are never spelled alike (`var x: X`), even
    /// for names with no leading ASCII letter.
    @Test(arguments: ["123start", "", "名前", "_", "🙂", "*/", "a", "ABC", "_x", "9"])
    func typeAndMemberNamesOfOneNameDiffer(_ spec: String) {
        #expect(Naming.typeName(spec) != Naming.memberName(spec))
    }

    @Test func explicitArgumentNamesTheMethodBodyNeedsGetASuffix() {
        #expect(["_", "self", "Self", "client", "value", "client_"].map(Naming.argumentName) == ["__", "self_", "Self_", "client_", "value", "client_"])
    }

    @Test func keywordsAreBacktickedWhereUsed() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.escaped("companyName") == "companyName")
    }

    @Test func collisionsGetNumberedInOrder() {
        #expect(Naming.uniqued(["fooBar", "fooBar", "fooBar"]) == ["fooBar", "fooBar_2", "fooBar_3"])
        #expect(Naming.uniqued(["a"], avoiding: ["a"]) == ["a_2"])
    }

    @Test(arguments: [
        ("plain", "\"plain\""), ("quo\"te", "\"quo\\\"te\""), ("back\\slash", "\"back\\\\slash\""),
        ("\\(interpolation)", "\"\\\\(interpolation)\""), ("line\nbreak", "\"line\\nbreak\""), ("nul\u{0}", "\"nul\\u{0}\""),
        ("\"\"\"", "\"\\\"\\\"\\\"\""), ("Ünïcödé 🙂", "\"Ünïcödé 🙂\""),
    ])
    func stringLiteralsMeanExactlyTheSpecText(_ text: String, _ literal: String) {
        #expect(SwiftLiteral.string(text) == literal)
    }

    @Test func docCommentsCannotBeLeft() {
        #expect(SwiftLiteral.docLines("one\ntwo */\r\nthree\u{2028}four") == ["/// one", "/// two */", "/// three", "/// four"])
    }
}
