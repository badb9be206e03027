import Testing
@testable import SpecKit

/// `YAMLLoader`: 1-based positions for every node, scalar styles, aliases, and the limits
/// that keep hostile input harmless.
@Suite("YAML loader")
struct YAMLLoaderTests {
    /// A spec-shaped document with block and flow collections, used by the position tests.
    static let nested = """
        api: Test
        schemas:
          Thing:
            type: object
            properties:
              id: { type: string, enum: [a, "b"] }
            required:
              - id
        """

    /// `(dotted path, line, column)` of nodes of `nested`; a number in the path indexes a sequence.
    static let nestedPositions: [(String, Int, Int)] = [
        ("", 1, 1),
        ("api", 1, 6),
        ("schemas", 3, 3),
        ("schemas.Thing", 4, 5),
        ("schemas.Thing.type", 4, 11),
        ("schemas.Thing.properties", 6, 7),
        ("schemas.Thing.properties.id", 6, 11),
        ("schemas.Thing.properties.id.type", 6, 19),
        ("schemas.Thing.properties.id.enum", 6, 33),
        ("schemas.Thing.properties.id.enum.0", 6, 34),
        ("schemas.Thing.properties.id.enum.1", 6, 37),
        ("schemas.Thing.required", 8, 7),
        ("schemas.Thing.required.0", 8, 9),
    ]

    @Test("Every node's position is 1-based and exact, in block and flow collections", arguments: nestedPositions)
    func nodePositionsAreOneBasedAndExact(path: String, line: Int, column: Int) throws {
        let root = try Self.load(Self.nested)
        let node = try #require(root.at(path), "no node at '\(path)'")
        #expect(node.location == SourceLocation(file: "test.yaml", line: line, column: column))
    }

    @Test("A key's position is the position of its first character")
    func keyPositionsPointAtTheKey() throws {
        let root = try Self.load(Self.nested)
        let thing = try #require(root.at("schemas.Thing"))
        guard case let .mapping(pairs) = thing.content else { Issue.record("Thing is not a mapping"); return }
        #expect(pairs.map(\.key.scalar) == ["type", "properties", "required"])
        #expect(pairs.map(\.key.location.line) == [4, 5, 7])
        #expect(pairs.map(\.key.location.column) == [5, 5, 5])
    }

    @Test("Columns count characters, not UTF-8 bytes")
    func columnsCountCharacters() throws {
        let root = try Self.load("é: x\n名前: 値\n")
        #expect(root.at("é")?.location.column == 4)
        #expect(root.at("名前")?.location == SourceLocation(file: "test.yaml", line: 2, column: 5))
    }

    @Test("CR LF ends a line once, and a byte-order mark takes no column")
    func lineBreaksAndByteOrderMark() throws {
        #expect(try Self.load("a:\r\n  b: c\r\n").at("a.b")?.location == SourceLocation(file: "test.yaml", line: 2, column: 6))
        #expect(try Self.load("\u{FEFF}a: b\n").at("a")?.location.column == 4)
    }

    /// `(YAML value, its text, whether it is plain)`.
    static let scalarStyles: [(String, String, Bool)] = [
        ("1", "1", true),
        ("\"1\"", "1", false),
        ("'1'", "1", false),
        ("true", "true", true),
        ("'true'", "true", false),
        ("~", "~", true),
        ("'~'", "~", false),
        ("!!str 1", "1", false),
        ("|\n  line\n", "line\n", false),
        (">-\n  folded\n  text\n", "folded text", false),
        ("plain text", "plain text", true),
    ]

    @Test("Quoted, tagged and block scalars are not plain; plain scalars are", arguments: scalarStyles)
    func scalarStyleIsKept(yaml: String, text: String, isPlain: Bool) throws {
        let value = try #require(try Self.load("key: \(yaml)").at("key"))
        #expect(value.content == .scalar(text, isPlain: isPlain))
    }

    @Test("Only a plain null, ~ or empty value is null")
    func nullIsPlainOnly() throws {
        let root = try Self.load("a: ~\nb: null\nc:\nd: 'null'\ne: \"~\"\n")
        #expect(["a", "b", "c"].allSatisfy { root.at($0)?.isNull == true })
        #expect(["d", "e"].allSatisfy { root.at($0)?.isNull == false })
    }

    @Test("An alias expands to a copy of its anchored node, positions included")
    func aliasExpandsToTheAnchoredNode() throws {
        let root = try Self.load("base: &shape { type: string, maxLength: 4 }\ncopy: *shape\n")
        let base = try #require(root.at("base"))
        #expect(root.at("copy") == base)
        #expect(root.at("copy.maxLength")?.content == .scalar("4", isPlain: true))
        #expect(base.location == SourceLocation(file: "test.yaml", line: 1, column: 7), "a node starts at its anchor")
    }

    @Test("An alias to an undefined or still open anchor is reported at the alias")
    func aliasWithoutAnchorIsReported() {
        let undefined = YAMLLoader().load("a: 1\nb: *nothing\n", file: "test.yaml")
        #expect(undefined.root == nil)
        #expect(undefined.diagnostics.map(\.description) == ["test.yaml:2:4: error: alias '*nothing' names no anchor defined before it"])
        let recursive = YAMLLoader().load("a: &loop [1, *loop]\n", file: "test.yaml")
        #expect(recursive.diagnostics.map(\.description) == ["test.yaml:1:14: error: alias '*loop' names no anchor defined before it"])
    }

    @Test("A duplicate key is reported at the second key, naming the first, at any depth")
    func duplicateKeysAreReported() {
        let (root, diagnostics) = YAMLLoader().load("a: 1\nb: { x: 1, y: 2, x: 3 }\na: 2\n", file: "test.yaml")
        #expect(root != nil)
        #expect(diagnostics.map(\.description) == [
            "test.yaml:2:18: error: duplicate key 'x' (first defined at line 2, column 6)",
            "test.yaml:3:1: error: duplicate key 'a' (first defined at line 1, column 1)",
        ])
    }

    @Test("Nesting up to the depth limit is accepted; one level more is reported at its opening bracket")
    func depthLimitIsExact() {
        let loader = YAMLLoader(maximumDepth: 3)
        #expect(loader.load("[[[x]]]", file: "test.yaml").diagnostics.isEmpty)
        let (root, diagnostics) = loader.load("[[[[x]]]]", file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:1:4: error: nesting deeper than 3 levels"])
    }

    @Test("A deeply nested document is refused without exhausting the stack")
    func veryDeepNestingIsRefused() {
        let depth = 100_000
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let (root, diagnostics) = YAMLLoader().load(text, file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:1:257: error: nesting deeper than 256 levels"])
    }

    @Test("Nodes written out in the file never count against the alias limit, however many")
    func writtenNodesAreNotCounted() {
        let text = (0..<5_000).map { "key\($0): {b: {c: [1, 2, 3]}}" }.joined(separator: "\n")
        let (root, diagnostics) = YAMLLoader(maximumAliasExpansion: 0).load(text, file: "test.yaml")
        #expect(diagnostics.isEmpty)
        guard case let .mapping(pairs)? = root?.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.count == 5_000)
    }

    @Test("An alias counts every node it expands to, and the alias that passes the limit is reported")
    func aliasesCountTheirExpansion() {
        // Each *x repeats [1, 2, 3]: 4 nodes, 8 for both.
        let text = "a: &x [1, 2, 3]\nb: *x\nc: *x\n"
        #expect(YAMLLoader(maximumAliasExpansion: 8).load(text, file: "test.yaml").diagnostics.isEmpty)
        let (root, diagnostics) = YAMLLoader(maximumAliasExpansion: 7).load(text, file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:3:4: error: aliases expand to more than 7 nodes"])
    }

    @Test("An alias of a node that holds aliases counts their expansion too")
    func nestedAliasesCountTheirWholeExpansion() {
        // *y repeats [*x, *x] as expanded: 1 + 4 + 4 = 9 nodes; with the two *x inside it, 17.
        let text = "a: &x [1, 2, 3]\nb: &y [*x, *x]\nc: *y\n"
        #expect(YAMLLoader(maximumAliasExpansion: 17).load(text, file: "test.yaml").diagnostics.isEmpty)
        let diagnostics = YAMLLoader(maximumAliasExpansion: 16).load(text, file: "test.yaml").diagnostics
        #expect(diagnostics.map(\.description) == ["test.yaml:3:4: error: aliases expand to more than 16 nodes"])
    }

    @Test("Nine levels of ten aliases (a billion nodes) are refused in well under a second")
    func billionLaughsIsRefusedQuickly() {
        var lines = ["a: &a [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]"]
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]")
        }
        var result: (root: YAMLNode?, diagnostics: [Diagnostic]) = (nil, [])
        let elapsed = ContinuousClock().measure { result = YAMLLoader().load(lines.joined(separator: "\n"), file: "test.yaml") }
        #expect(elapsed < .seconds(1))
        #expect(result.root == nil)
        #expect(result.diagnostics.map(\.message) == ["aliases expand to more than 1000000 nodes"])
    }

    @Test("A syntax error at the end of a last line without a line break points into the file")
    func syntaxErrorAtTheEndOfTheFileStaysInTheFile() {
        let (root, diagnostics) = YAMLLoader().load("p:\nr", file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:2:2: error: YAML syntax: could not find expected ':' while scanning a simple key (line 2, column 1)"])
    }

    @Test("Lines broken by NEL or LS count as libyaml counts them, for positions at the end too", arguments: ["\u{85}", "\u{2028}"])
    func unicodeLineBreaksCountAsLines(lineBreak: String) {
        let diagnostics = YAMLLoader().load("a: 1\(lineBreak)b: [1, 2\n", file: "test.yaml").diagnostics
        #expect(diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["3:1"], "\(diagnostics)")
    }

    @Test("A syntax error carries libyaml's problem and context, at libyaml's position")
    func syntaxErrorCarriesLibyamlsMessage() {
        let (root, diagnostics) = YAMLLoader().load("a: {b: c\nd: e\n", file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == [
            "test.yaml:2:2: error: YAML syntax: did not find expected ',' or '}' while parsing a flow mapping (line 1, column 4)",
        ])
    }

    @Test("A control character is reported at its own position, not at the start of the file")
    func controlCharacterIsReportedWhereItIs() {
        #expect(YAMLLoader().load("a: b\nc: d\u{01}e\n", file: "test.yaml").diagnostics.map(\.description) == [
            "test.yaml:2:5: error: YAML syntax: control characters are not allowed",
        ])
        #expect(YAMLLoader().load("é: ü\r\nc: d\u{7F}\n", file: "test.yaml").diagnostics.map(\.description) == [
            "test.yaml:2:5: error: YAML syntax: control characters are not allowed",
        ])
    }

    @Test("Problems found before a syntax error are kept")
    func problemsBeforeASyntaxErrorAreKept() {
        let (_, diagnostics) = YAMLLoader().load("x: {a: 1, a: 2}\ny: [\n", file: "test.yaml")
        #expect(diagnostics.count == 2)
        #expect(diagnostics.first?.description == "test.yaml:1:11: error: duplicate key 'a' (first defined at line 1, column 5)")
        #expect(diagnostics.last?.message.hasPrefix("YAML syntax: ") == true)
    }

    @Test("Text without a document is reported at line 1, column 1", arguments: ["", "\n\n", "# only a comment\n"])
    func noDocumentIsReported(text: String) {
        let (root, diagnostics) = YAMLLoader().load(text, file: "test.yaml")
        #expect(root == nil)
        #expect(diagnostics.map(\.description) == ["test.yaml:1:1: error: the file holds no YAML document"])
    }

    @Test("A second document is reported at its start marker, even after an end marker")
    func secondDocumentIsReported() {
        let (_, diagnostics) = YAMLLoader().load("a: 1\n...\n---\nb: 2\n", file: "test.yaml")
        #expect(diagnostics.map(\.description) == ["test.yaml:3:1: error: a spec file holds one YAML document; a second one starts here"])
    }

    @Test("A document with explicit start and end markers is one document")
    func explicitMarkersAreOneDocument() throws {
        #expect(try Self.load("---\na: 1\n...\n").at("a")?.scalar == "1")
    }

    /// Loads `text`, requiring a root and no diagnostics.
    static func load(_ text: String) throws -> YAMLNode {
        let (root, diagnostics) = YAMLLoader().load(text, file: "test.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        return try #require(root)
    }
}

extension YAMLNode {
    /// The node at a dotted path of mapping keys and sequence indexes; `""` is the node itself.
    func at(_ path: String) -> YAMLNode? {
        var node = self
        for component in path.split(separator: ".") {
            switch node.content {
            case let .mapping(pairs):
                guard let value = pairs.first(where: { $0.key.scalar == String(component) })?.value else { return nil }
                node = value
            case let .sequence(items):
                guard let index = Int(component), items.indices.contains(index) else { return nil }
                node = items[index]
            case .scalar:
                return nil
            }
        }
        return node
    }
}
