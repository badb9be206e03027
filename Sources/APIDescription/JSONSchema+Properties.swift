extension JSONSchema {
    /// A declared property of an object: its name and schema.
    public struct Property: KeyedEntry {
        /// The member's name, as the JSON object has it.
        public var name: String
        /// What the member's value must be.
        public var schema: JSONSchema

        public init(name: String, schema: JSONSchema) {
            (self.name, self.schema) = (name, schema)
        }

        public init(key: String, entryValue: JSONSchema) { self.init(name: key, schema: entryValue) }
        public var key: String { name }
        public var entryValue: JSONSchema {
            get { schema }
            set { schema = newValue }
        }
    }

    /// An object's declared properties, in the order written (a generated model's members'
    /// order), each name once; `properties["id"]` is the schema of `id`.
    public typealias Properties = KeyedEntries<Property>
}
