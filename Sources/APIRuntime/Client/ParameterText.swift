/// A parameter's value as the text a request carries in its path, query or a header, and
/// back: the one conversion the client, the command line and the stub share.
public enum ParameterText {
    /// A value as text: strings as they are, numbers as their literal, booleans as
    /// `true`/`false`; anything else (and every value of a JSON-encoded parameter) as compact
    /// JSON.
    public static func text(of value: JSONValue, json: Bool) -> String {
        if !json, let string = value.stringValue { return string }
        if !json, case let .number(number) = value { return number.text }
        if !json, case let .bool(flag) = value { return flag ? "true" : "false" }
        return JSONWriter.string(from: value)
    }

    /// `text` read as the value its schema (`$ref` resolved) checks: parsed JSON for a
    /// JSON-encoded parameter; else an integer, a number (its exact literal) or a boolean
    /// where the schema allows one; else the string where the schema allows strings (or
    /// names only an enum); else JSON for an object, array or untyped schema. Nil when the
    /// text is none of what the schema allows.
    public static func value(_ text: String, json: Bool, schema: JSONSchema) -> JSONValue? {
        if json { return try? JSONParser.parse(Array(text.utf8)) }
        let types = Set(schema.types)
        if types.contains(.integer), let number = JSONNumber(validating: text), number.isInteger { return .number(number) }
        if types.contains(.number), let number = JSONNumber(validating: text) { return .number(number) }
        if types.contains(.boolean), let flag = Bool(text) { return .bool(flag) }
        if types.contains(.string) || (types.isEmpty && schema.enumValues != nil) { return .string(text) }
        if types.contains(.object) || types.contains(.array) || types.isEmpty {
            if let parsed = try? JSONParser.parse(Array(text.utf8)) { return parsed }
            if types.isEmpty { return .string(text) }
        }
        return nil
    }
}
