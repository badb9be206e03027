import Foundation

/// Every rule that turns spec names into Swift names: case conversion, keyword escaping,
/// reserved names and collisions. Nothing else in the generator invents names.
enum Naming {
    /// Swift keywords that need backticks as member names.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer",
        "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where",
        "while", "as", "false", "is", "nil", "super", "self", "Self", "throws", "true", "try", "await", "async",
        "any", "some", "consuming", "borrowing", "actor", "macro", "package",
    ]

    /// Member names that backticks cannot rescue or that clash with members we generate.
    static let reservedMembers: Set<String> = [
        "self", "Self", "init", "deinit", "subscript", "Type", "Protocol", "_", "rawValue", "undocumented",
        "allCases", "hashValue", "hash", "encode", "description", "client", "toJSON",
    ]

    /// Type names that would shadow what generated code refers to.
    static let reservedTypes: Set<String> = [
        "Swift", "Foundation", "APIRuntime", "Type", "Protocol", "Self", "Any", "AnyObject", "CodingKeys",
        "String", "Int", "Double", "Bool", "Array", "Dictionary", "Optional", "Never", "Sendable", "Codable",
        "Hashable", "Error", "URL", "Data", "UUID", "Date", "Decoder", "Encoder", "CodingKey",
    ]

    /// `UpperCamelCase` type name for any spec name, never a reserved or keyword name. It
    /// always starts with an uppercase ASCII letter (`T123start`, `U540D_524D`), so it is
    /// never spelled like the member name of the same spec name (`_123start`, `u540D_524D`).
    static func typeName(_ name: String) -> String {
        var result = words(name).map(capitalised).joined()
        if result.isEmpty { result = scalarsName(name, head: "U") }
        if result.first?.isNumber == true { result = "T" + result }
        if reservedTypes.contains(result) || keywords.contains(result) { result += "_" }
        return result
    }

    /// `lowerCamelCase` member name for any spec name, escaped when it is a keyword.
    static func memberName(_ name: String) -> String {
        let parts = words(name)
        var result = parts.enumerated().map { $0.offset == 0 ? lowercasedHead($0.element) : capitalised($0.element) }.joined()
        if result.isEmpty { result = scalarsName(name, head: "u") }
        if result.first?.isNumber == true { result = "_" + result }
        if reservedMembers.contains(result) { result += "_" }
        return result
    }

    /// Argument names the generated method body needs for itself: an explicit `argument:` of
    /// these names gets a `_` suffix (`client` → `client_`), as a derived one does.
    static let reservedArguments: Set<String> = ["_", "self", "Self", "client"]

    /// The Swift name of an argument the spec names explicitly (already an identifier).
    static func argumentName(_ explicit: String) -> String {
        reservedArguments.contains(explicit) ? explicit + "_" : explicit
    }

    /// A member name as written in a declaration or after a dot: backticked when a keyword.
    static func escaped(_ member: String) -> String {
        keywords.contains(member) ? "`\(member)`" : member
    }

    /// An enum case name for a value: its member name, except that `none` is `none_`, which
    /// a comparison with an optional of the enum (`status == .none`) cannot mistake for nil.
    static func caseName(_ value: String) -> String {
        let name = memberName(value)
        return name == "none" ? "none_" : name
    }

    /// An argument label in a call: as it is, except `inout`, the one keyword a label cannot be.
    static func label(_ argument: String) -> String {
        argument == "inout" ? "`\(argument)`" : argument
    }

    /// Gives each name a unique spelling: later duplicates get `_2`, `_3`, … in order.
    static func uniqued(_ names: [String], avoiding taken: Set<String> = []) -> [String] {
        var used = taken
        return names.map { unique($0, in: &used) }
    }

    /// `name`, or `name_2`, `name_3`, … : the first spelling not in `taken` nor in `reserved`;
    /// it joins `taken`. (In place: a module's thousands of taken names are not copied for
    /// each new one.)
    static func unique(_ name: String, in taken: inout Set<String>, avoiding reserved: Set<String> = []) -> String {
        var candidate = name
        var counter = 2
        while taken.contains(candidate) || reserved.contains(candidate) {
            candidate = "\(name)_\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// ASCII letter-digit runs (accents folded away first: `Ünïcödé` reads `Unicode`); a new
    /// word also starts at a lower-to-upper case change.
    private static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        let folded = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.folding(options: .diacriticInsensitive, locale: nil)
        for scalar in folded.unicodeScalars {
            let isLetterOrDigit = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            guard isLetterOrDigit else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            let isUpper = ("A"..."Z").contains(scalar)
            if isUpper, previousWasLower, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasLower = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func capitalised(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// The first word lowercased: all of it when it is an acronym (`MS` → `ms`, `URLPath` stays split).
    private static func lowercasedHead(_ word: String) -> String {
        word.allSatisfy(\.isUppercase) ? word.lowercased() : word.prefix(1).lowercased() + word.dropFirst()
    }

    /// A name for a spec name with no ASCII letters or digits: `head`, then its scalars in hex
    /// (`名前` → `U540D_524D`), or `head` + `nnamed` for the empty name.
    private static func scalarsName(_ name: String, head: Character) -> String {
        guard !name.isEmpty else { return String(head) + "nnamed" }
        return String(head) + name.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: "_")
    }
}
