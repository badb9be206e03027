/// The generator's hand-off between translating a spec and printing Swift: a tree of
/// declarations with every name and type already decided.

/// A model type.
indirect enum TypeDeclaration {
    case structure(StructDeclaration)
    case enumeration(EnumDeclaration)
    case alias(AliasDeclaration)
    case responseCases(ResponseCasesDeclaration)
    case discriminated(DiscriminatedDeclaration)
}

extension TypeDeclaration {
    /// The declared type's name.
    var name: String {
        switch self {
        case let .structure(declaration): declaration.name
        case let .enumeration(declaration): declaration.name
        case let .alias(declaration): declaration.name
        case let .responseCases(declaration): declaration.name
        case let .discriminated(declaration): declaration.name
        }
    }
}

/// An enum for a discriminated `oneOf`: a case per kind the mapping names, and
/// `undocumented(JSONValue)` for a kind it does not.
struct DiscriminatedDeclaration {
    var name: String
    var doc: [String]
    /// The discriminator's property path (`["attributes", "objectType"]`).
    var propertyPath: [String]
    /// Each kind: its case, the discriminator value and the model type.
    var cases: [(name: String, value: String, type: String)]
}

/// The enum an operation returns when its success statuses differ in shape: a case per status.
struct ResponseCasesDeclaration {
    /// One status: its case, the type of its JSON body (nil: none) and its declared headers.
    struct Case {
        var status: Int
        var name: String
        var doc: [String]
        var bodyType: String?
        /// Argument labels and header names, as the spec declares them.
        var headers: [(label: String, name: String)]
    }

    var name: String
    var doc: [String]
    var cases: [Case]
}

/// A `Codable` struct for an object schema.
struct StructDeclaration {
    var name: String
    var doc: [String]
    var properties: [PropertyDeclaration]
    var nested: [TypeDeclaration]
}

/// A stored property and the JSON key it codes to.
struct PropertyDeclaration {
    var name: String
    var jsonKey: String
    /// The Swift type, `?` included when optional.
    var type: String
    var isOptional: Bool
    /// Stored in an `Indirect` box: its type leads back to the model holding it.
    var isIndirect = false
    var doc: [String]
    /// The attribute lines printed before it: `@available(*, deprecated…)` for a property the
    /// spec deprecates.
    var attributes: [String] = []

    /// Whether the public property is computed over a private stored one (`_name`): an
    /// indirect property's box, or an attributed (deprecated) property's value, which the
    /// model's own initializer and coding then use without a warning.
    var hasStorage: Bool { isIndirect || !attributes.isEmpty }
}

/// A string enum; tolerant ones have an `undocumented(String)` case.
struct EnumDeclaration {
    var name: String
    var doc: [String]
    var cases: [(name: String, rawValue: String)]
    var isTolerant: Bool
}

/// A typealias for a named schema that is not an object or enum (e.g. an array).
struct AliasDeclaration {
    var name: String
    var doc: [String]
    var type: String
}

/// A client method for one operation.
struct OperationDeclaration {
    var operationID: String
    var methodName: String
    var doc: [String]
    /// The attribute lines printed before each of its methods: `@available(*, deprecated…)`
    /// for an operation the spec deprecates.
    var attributes: [String]
    /// Doc-comment lines each method beside the operation's own ends with (its main method's
    /// `doc` has them already): the deprecation note.
    var notes: [String]
    var arguments: [ArgumentDeclaration]
    /// Swift expressions for the request's parameters, keyed by parameter name.
    var parameterValues: [(name: String, expression: String)]
    /// The body argument (the first, unlabelled) and the expression of its JSON value.
    var body: (argument: ArgumentDeclaration, expression: String)?
    var result: ResultShape
    /// For a download: the name of the file argument of its `…(to:)` twin.
    var fileArgument: String?
    /// For a paged operation: the item type and the closure body that reads a page's items.
    var paging: (itemType: String, itemsExpression: String)?
    /// Whether the operation starts a job (the spec's `job:`): its plain method returns the
    /// job's location, and an `…AndWait` twin waits for its result.
    var startsJob = false
    /// Types declared for the inline enums and objects of its parameters and body, and its
    /// response cases (top level).
    var parameterTypes: [TypeDeclaration]
}

/// What a client method returns.
enum ResultShape {
    /// The one success response's JSON body, decoded as this type.
    case value(String)
    /// Nothing: the one success response has no body and declares no header.
    case none
    /// A `ResponseCases` enum of this name, one case per success status.
    case cases(String)
    /// The one success response's bytes, streamed: an `APIDownload`.
    case download

    /// The Swift type of the plain method's result.
    var type: String {
        switch self {
        case let .value(type), let .cases(type): type
        case .none: "Swift.Void"
        case .download: "APIRuntime.APIDownload"
        }
    }
}

/// One argument of a client method.
struct ArgumentDeclaration {
    var name: String
    var type: String
    var defaultValue: String?
    var doc: String?
}
