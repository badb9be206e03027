/// The names, values and texts a random spec draws from: keywords, quotes and collisions
/// wherever a name can go.
extension RandomSpec {
    static let apiNames = ["Random", "Shop", "Type", "Self", "default", "Protocol", "String", "Codable", "init", "APIRuntime_"]

    static let schemaNamePool = [
        "Customer", "Order", "Item", "Link", "Address", "Money", "Status", "Kind", "Node", "Tag", "thing", "Thing",
        "Type", "String", "Self", "Protocol", "CodingKeys", "Decoder", "Encoder", "default", "init", "self", "Int", "Data",
        "URL", "Error", "Optional", "Any", "container", "encoder", "decoder", "additionalMembers", "__x", "x", "X",
        "Codable", "Sendable", "Swift", "Foundation", "Result", "Element", "Value", "client", "document",
        "Indirect", "AdditionalMembers", "Discriminator", "JSONValue", "APIResponse", "APIError", "APIClient",
        "APIDocument", "TokenProvider", "ResponseCases", "TolerantEnum", "PageSequence", "APIDownload", "Server", "_",
        "_1", "T1", "U5F",
    ]

    static let propertyNamePool = [
        "id", "name", "count", "value", "items", "next", "_next", "links", "kind", "type", "Type", "default", "self", "Self",
        "init", "CodingKeys", "additionalMembers", "additionalMembers_2", "container", "encoder", "decoder", "foo-bar",
        "foo_bar", "fooBar", "has space", "quote\"d", "back\\slash", "123start", "名前", "Ünïcödé", "🙂", "rawValue",
        "description", "hash", "hashValue", "_", "", "x", "X", "class", "protocol", "subscript", "deinit", "Protocol",
        "undocumented", "allCases", "encode", "client", "super", "nil", "true", "some", "any", "\\(x)", "*/",
        "line\nbreak", "from", "to", "forKey",
    ]

    static let enumValuePool = [
        "a", "b-c", "b_c", "B_C", "", "a\"b", "\\(exploit)", "*/", "line\nbreak", "undocumented", "rawValue", "default",
        "self", "Self", "init", "Type", "Ünïcödé", "🙂", "123", "allCases", "case", "none", "some", "documented",
    ]

    static let operationIDPool = [
        "getThing", "GetThing", "listThings", "createThing", "updateThing", "deleteThing", "init", "self", "default",
        "Type", "subscript", "deinit", "description", "hash", "encode", "client", "send", "x", "X", "document",
        "getThingResponse", "listThingsPages", "download", "_", "u5F",
    ]

    static let parameterNamePool = [
        "id", "size", "offset", "filter", "default", "self", "Type", "init", "in", "for", "where", "foo-bar", "foo_bar",
        "has space", "quote\"d", "123start", "名前", "client", "body", "parameters", "x", "X", "container", "\\(x)",
    ]

    /// HTTP tokens, for header parameters and response headers.
    static let headerNamePool = [
        "If-Match", "X-Request", "x-request", "default", "self", "Type", "X'Quote", "X`Tick", "a.b", "X_Y", "123",
        "Location", "Retry-After", "ETag", "~tilde", "client",
    ]

    static let argumentNamePool = ["value", "default", "self", "Self", "Type", "init", "id", "body", "x", "in", "_", "client", "client_"]

    static let descriptionPool = [
        "Plain words.", "Quotes \"\"\" and */ and \\(interpolation)", "Line one\nLine two /// not a doc", "Ünïcödé 🙂",
    ]

    static let formats = ["uuid", "date-time", "uri", "email"]
    static let binaryTypes = ["application/pdf", "text/csv", "image/png", "application/octet-stream"]
}
