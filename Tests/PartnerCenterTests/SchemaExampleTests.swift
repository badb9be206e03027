import APIRuntime
import PartnerCenter
import PartnerCenterStub
import Testing

/// A test's own failure, with what it found.
private struct Failure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Values made from schemas: valid for each keyword the spec uses, the same for the same seed.
@Suite struct SchemaExampleTests {
    private func schema(_ type: JSONSchema.JSONType, _ build: (inout JSONSchema) -> Void = { _ in }) -> JSONSchema {
        var schema = JSONSchema()
        schema.types = [type]
        build(&schema)
        return schema
    }

    private func ref(_ name: String) -> JSONSchema {
        var schema = JSONSchema()
        schema.reference = name
        return schema
    }

    @Test func stringsKeepTheirFormatAndLengths() throws {
        var examples = SchemaExample(registry: SchemaRegistry(), seed: "s")
        for format in JSONSchema.Format.allCases {
            let value = try examples.value(for: schema(.string) { $0.format = format }, hint: "companyName")
            #expect(value.stringValue != nil, "\(format)")
        }
        let short = try examples.value(for: schema(.string) { $0.maxLength = 3 }, hint: "companyName")
        #expect(short.stringValue?.count == 3)
        let long = try examples.value(for: schema(.string) { $0.minLength = 40 }, hint: "x")
        #expect((long.stringValue?.count ?? 0) >= 40)
    }

    @Test func numbersStayInTheirRange() throws {
        var examples = SchemaExample(registry: SchemaRegistry(), seed: "n")
        let quantity = try examples.value(for: schema(.integer) { $0.minimum = JSONNumber(25); $0.maximum = JSONNumber(30) })
        #expect(quantity.intValue == 25)
        let price = try examples.value(for: schema(.number) { $0.maximum = JSONNumber(literal: "0.5") })
        guard case let .number(number) = price else { throw Failure("not a number: \(price)") }
        #expect((number.doubleValue ?? 1) <= 0.5)
    }

    @Test func aMultipleIsWrittenExactly() throws {
        var examples = SchemaExample(registry: SchemaRegistry(), seed: "m")
        let validator = SchemaValidator(registry: SchemaRegistry())
        // (type, multipleOf, minimum, maximum, the example)
        let cases: [(JSONSchema.JSONType, String, String?, String?, String)] = [
            (.number, "0.1", nil, "0.35", "0.3"), (.integer, "5", "12", nil, "15"), (.number, "0.01", nil, nil, "12.5"), (.integer, "7", nil, nil, "14"),
            (.number, "1e-20", nil, nil, "0"),
        ]
        for (type, divisor, minimum, maximum, expected) in cases {
            let multiple = schema(type) {
                $0.multipleOf = JSONNumber(literal: divisor)
                ($0.minimum, $0.maximum) = (minimum.map(JSONNumber.init(literal:)), maximum.map(JSONNumber.init(literal:)))
            }
            let value = try examples.value(for: multiple)
            #expect(value == .number(JSONNumber(literal: expected)), "multipleOf \(divisor) within \(minimum ?? "-")...\(maximum ?? "-")")
            #expect(validator.validate(value, against: multiple).isEmpty)
        }
    }

    @Test func enumsAndConstsGiveADeclaredValue() throws {
        var examples = SchemaExample(registry: SchemaRegistry(), seed: "e")
        #expect(try examples.value(for: schema(.string) { $0.enumValues = [.string("active"), .string("suspended")] }) == .string("active"))
        var constant = JSONSchema()
        constant.constValue = .string("IndirectReseller")
        #expect(try examples.value(for: constant) == .string("IndirectReseller"))
    }

    @Test func aDiscriminatedKindCarriesItsDiscriminatorAtItsPath() throws {
        let license = schema(.object) {
            $0.properties = ["quantity": schema(.integer), "attributes": schema(.object) { $0.properties = ["objectType": schema(.string)] }]
            $0.required = ["quantity"]
        }
        var item = JSONSchema()
        item.oneOf = [ref("LicenseBasedLineItem")]
        item.discriminator = JSONSchema.Discriminator(propertyPath: ["attributes", "objectType"], mapping: ["LicenseBased": "LicenseBasedLineItem"])
        let registry = try SchemaRegistry(["LicenseBasedLineItem": license, "LineItem": item])
        var examples = SchemaExample(registry: registry, seed: "d")
        let value = try examples.value(forSchemaNamed: "LineItem")
        #expect(value["attributes"]?["objectType"] == .string("LicenseBased"))
        #expect(value["quantity"]?.intValue != nil)
    }

    @Test func aListOfADiscriminatedSchemaShowsSeveralKinds() throws {
        let license = schema(.object) { $0.properties = ["attributes": schema(.object) { $0.properties = ["objectType": schema(.string)] }] }
        var item = JSONSchema()
        item.oneOf = [ref("LicenseBased"), ref("UsageBased")]
        item.discriminator = JSONSchema.Discriminator(
            propertyPath: ["attributes", "objectType"], mapping: ["LicenseBased": "LicenseBased", "UsageBased": "UsageBased"]
        )
        let registry = try SchemaRegistry(["LicenseBased": license, "UsageBased": license, "LineItem": item])
        var examples = SchemaExample(registry: registry, seed: "k")
        let list = try examples.value(for: schema(.array) { $0.items = ref("LineItem") })
        let kinds = list.arrayValue?.compactMap { $0["attributes"]?["objectType"]?.stringValue }
        #expect(kinds == ["LicenseBased", "UsageBased"])
    }

    @Test func aRecursiveSchemaEnds() throws {
        let node = schema(.object) {
            $0.properties = ["name": schema(.string), "parent": ref("Node"), "children": schema(.array) { $0.items = ref("Node") }]
            $0.required = ["name"]
        }
        var examples = SchemaExample(registry: try SchemaRegistry(["Node": node]), seed: "r")
        let value = try examples.value(forSchemaNamed: "Node")
        #expect(value["name"]?.stringValue != nil)
        #expect(value["parent"] == nil, "an optional member that recurses is left out")
    }

    @Test func theSameSeedGivesTheSameValueAndAnotherSeedAnother() throws {
        let id = schema(.string) { $0.format = .uuid }
        var first = SchemaExample(registry: SchemaRegistry(), seed: "GET /v1/customers/1")
        var again = SchemaExample(registry: SchemaRegistry(), seed: "GET /v1/customers/1")
        var other = SchemaExample(registry: SchemaRegistry(), seed: "GET /v1/customers/2")
        let value = try first.value(for: id)
        #expect(try again.value(for: id) == value)
        #expect(try other.value(for: id) != value)
    }

    @Test func aCommonPatternIsMetAndOneNoCandidateMeetsIsAnErrorNotAWrongValue() throws {
        var examples = SchemaExample(registry: SchemaRegistry(), seed: "p")
        let postalCode = try examples.value(for: schema(.string) { $0.pattern = "^[0-9]{5}$" }, hint: "postalCode").stringValue
        #expect(postalCode?.wholeMatch(of: /[0-9]{5}/) != nil, "\(postalCode ?? "nil")")
        let date = try examples.value(for: schema(.string) { $0.pattern = #"^\d{4}-\d{2}-\d{2}"# }, hint: "startDate").stringValue
        #expect(date?.prefixMatch(of: /\d{4}-\d{2}-\d{2}/) != nil, "\(date ?? "nil")")
        // A name that says nothing, with a pattern: one of the common shapes that meets it.
        #expect(try examples.value(for: schema(.string) { $0.pattern = "^[A-Z]{2}$" }, hint: "code") == .string("US"))
        #expect(throws: SchemaExample.Failure.self) {
            try examples.value(for: schema(.string) { $0.pattern = "^zz[0-9]{7}q$" }, hint: "code")
        }
    }

    /// A schema's `examples` are what the stub answers with, one in turn.
    @Test func aSchemasExamplesComeFirst() throws {
        let listed: [JSONValue] = [.string("Licenses"), .string("Usage-based")]
        var made: Set<JSONValue> = []
        for seed in 0..<20 {
            var examples = SchemaExample(registry: SchemaRegistry(), seed: "x\(seed)")
            made.insert(try examples.value(for: schema(.string) { $0.examples = listed }, hint: "unitType"))
        }
        #expect(made == Set(listed))
    }

    /// Every example the spec gives is valid for its schema (the stub answers with them, and
    /// other tools send them as valid data).
    @Test func everyExampleOfTheSpecIsValidForItsSchema() throws {
        let contents = try PartnerCenterClient.document.get()
        let validator = SchemaValidator(registry: contents.schemas)
        var checked = 0
        func visit(_ schema: JSONSchema, at place: String) {
            for example in schema.examples {
                checked += 1
                let violations = validator.validate(example, against: schema)
                #expect(violations.isEmpty, "\(place): \(example): \(violations)")
            }
            for property in schema.properties { visit(property.schema, at: place + "/" + property.name) }
            if let items = schema.items { visit(items, at: place + "/items") }
            for (position, part) in (schema.allOf + schema.anyOf + schema.oneOf).enumerated() { visit(part, at: place + "/\(position)") }
        }
        for name in contents.schemas.names { visit(try #require(contents.schemas[name]), at: name) }
        #expect(checked >= 10)
    }
}
