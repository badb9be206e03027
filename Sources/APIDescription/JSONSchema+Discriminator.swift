import JSONValues

extension JSONSchema {
    /// The property of an object that names which schema of a ``JSONSchema/oneOf`` it matches.
    ///
    /// The value at ``propertyPath`` (a string) is looked up in the schema's
    /// ``JSONSchema/discriminatorMapping``: the explicit ``mapping`` (which the compiled
    /// document holds whole), then OpenAPI's implicit entries. A value it does not list is
    /// accepted without further checks: the API adds kinds over time, and generated code
    /// decodes such a value as `undocumented(JSONValue)`.
    public struct Discriminator: Sendable, Hashable {
        /// The property's name split on `.`: `["attributes", "objectType"]` for `attributes.objectType`.
        public var propertyPath: [String]
        /// The explicit mapping: schema names by discriminator value, in the order written.
        public var mapping: Mapping

        /// A discriminator at `propertyPath` with the explicit `mapping`.
        ///
        /// - Parameters:
        ///   - propertyPath: The property names from the object to the discriminator, outermost first.
        ///   - mapping: Schema names by discriminator value (`"LicenseBased": "LicenseBasedLineItem"`).
        public init(propertyPath: [String], mapping: Mapping = [:]) {
            self.propertyPath = propertyPath
            self.mapping = mapping
        }

        /// One kind: a discriminator value and the named schema it selects.
        public struct Kind: KeyedEntry {
            /// The discriminator's string, e.g. `LicenseBased`.
            public var value: String
            /// The schema it selects, by name in the registry.
            public var schemaName: String

            public init(value: String, schemaName: String) {
                (self.value, self.schemaName) = (value, schemaName)
            }

            public init(key: String, entryValue: String) { self.init(value: key, schemaName: entryValue) }
            public var key: String { value }
            public var entryValue: String {
                get { schemaName }
                set { schemaName = newValue }
            }
        }

        /// Schema names by discriminator value, in the order written, each value once.
        public typealias Mapping = KeyedEntries<Kind>

        /// The discriminator's string in `value`; nil when it is missing or not a string.
        ///
        /// - Parameter value: The object that carries the discriminator (through nested objects).
        public func discriminatorValue(of value: JSONValue) -> String? {
            if case let .found(name) = lookup(in: value) { name } else { nil }
        }

        /// What is at ``propertyPath`` in a value.
        package enum Lookup {
            /// The discriminator's string.
            case found(String)
            /// The first `depth` names of the path lead to a value that is not an object or lacks the next name.
            case missing(depth: Int)
            /// The discriminator is there, and not a string.
            case notString(JSONValue)
        }

        /// Follows ``propertyPath`` through nested objects of `value`.
        package func lookup(in value: JSONValue) -> Lookup {
            var current = value
            for (depth, name) in propertyPath.enumerated() {
                guard case let .object(members) = current, let member = members[name] else { return .missing(depth: depth) }
                current = member
            }
            guard case let .string(text) = current else { return .notString(current) }
            return .found(text)
        }

        /// The dotted form of ``propertyPath``, as the spec writes it: `attributes.objectType`.
        package var propertyName: String { propertyPath.joined(separator: ".") }
    }
}

extension JSONSchema {
    /// For a `oneOf` with a discriminator: each discriminator value and the named schema it
    /// selects (OpenAPI's rule, applied here once): the explicit mapping first, then each
    /// `$ref` branch by its own name, unless the mapping already uses that name as a value.
    /// The compiled document carries this whole mapping, so the runtime only looks values up.
    public var discriminatorMapping: Discriminator.Mapping? {
        guard let discriminator, !oneOf.isEmpty else { return nil }
        let implicit = oneOf.compactMap(\.reference).map { Discriminator.Kind(value: $0, schemaName: $0) }
        return Discriminator.Mapping(Array(discriminator.mapping) + implicit)
    }

    /// ``discriminatorMapping`` when every branch is a `$ref` (a choice of models); nil otherwise.
    public var branchNames: Discriminator.Mapping? {
        oneOf.allSatisfy { $0.reference != nil } ? discriminatorMapping : nil
    }
}
