import Foundation
import Testing
@testable import SpecKit

/// `SpecLoader` on the real spec (`spec/partner-center.yaml` and the files it references)
/// and on the valid fixtures.
@Suite("Spec loader")
struct SpecLoaderTests {
    /// The repository's `spec/partner-center.yaml`.
    static func realSpecPath() throws -> String {
        let directory = try #require(Fixtures.specDirectory(), "no spec/ folder above \(#filePath)")
        return directory.appendingPathComponent("partner-center.yaml").path
    }

    static func loadRealSpec() throws -> Spec {
        try SpecLoader().load(paths: [realSpecPath()])
    }

    @Test("The real spec loads with its name, servers and operations")
    func realSpecLoads() throws {
        let spec = try Self.loadRealSpec()
        #expect(spec.api == "PartnerCenter")
        #expect(spec.mainAPI.title == "Microsoft Partner Center REST API")
        #expect(spec.mainAPI.auth == .bearer)
        #expect(spec.mainAPI.serversByName.map(\.name) == ["china", "default"])
        #expect(spec.mainAPI.servers["default"] == "https://api.partnercenter.microsoft.com")
        #expect(spec.operations.map(\.id) == [
            "getCustomerById", "getCustomerCompanyProfile", "getCustomerRelationships", "getCustomersOfIndirectReseller",
            "getIndirectResellers",
        ])
        let operation = try #require(spec.operations.first { $0.id == "getCustomersOfIndirectReseller" })
        #expect(operation.method == .GET)
        #expect(operation.path == "/v1/customers")
        #expect(operation.annotations.summary == "Get customers of an indirect reseller")
        #expect(operation.paging == Paging(items: "items", style: .nextLink(["links", "next"])))
    }

    @Test("The operation's parameters are sorted and fully decoded")
    func realSpecParameters() throws {
        let operation = try #require(try Self.loadRealSpec().operations.first { $0.id == "getCustomersOfIndirectReseller" })
        #expect(operation.parameters.map(\.name) == ["filter", "size"])
        let filter = operation.parameters[0]
        #expect(filter.location == .query)
        #expect(filter.isRequired)
        #expect(filter.encoding == .json)
        #expect(filter.propertyArguments == ["Value": "resellerTenantId"])
        #expect(filter.schema.singleType == .object)
        #expect(filter.schema.properties.map(\.name) == ["Field", "Value", "Operator"])
        #expect(filter.schema.required == ["Field", "Value", "Operator"])
        #expect(filter.schema.additionalProperties == .allowed(false))
        #expect(filter.schema.properties[0].schema.constValue == .string("IndirectReseller"))
        #expect(filter.schema.properties[1].schema.format == .uuid)
        #expect(filter.schema.properties[2].schema.constValue == .string("starts_with"))
        let size = operation.parameters[1]
        #expect(size.location == .query)
        #expect(!size.isRequired)
        #expect(size.encoding == .plain)
        #expect(size.schema.singleType == .integer)
        #expect(size.schema.minimum == JSONNumber(1))
        #expect(size.schema.maximum == JSONNumber(500))
    }

    @Test("Responses resolve to schema names, the success first and 'default' last")
    func realSpecResponses() throws {
        let operation = try #require(try Self.loadRealSpec().operations.first { $0.id == "getCustomersOfIndirectReseller" })
        #expect(operation.responses.map(\.status) == [.code(200), .default])
        #expect(operation.responses.map(\.schemaName) == ["CustomerCollection", "PartnerCenterError"])
        #expect(operation.responses.first?.description == "A page of customers.")
    }

    @Test("RelationshipToPartner is a tolerant string enum")
    func relationshipToPartnerIsTolerant() throws {
        let schema = try #require(try Self.loadRealSpec().schema(named: "RelationshipToPartner")?.schema)
        #expect(schema.singleType == .string)
        #expect(schema.isTolerant)
        #expect(schema.enumValues == ["unknown", "reseller", "advisor", "syndication", "microsoft_support", "none"].map(JSONValue.string))
    }

    @Test("Cross-file $refs resolve to the schemas of common.yaml and errors.yaml")
    func crossFileReferencesResolve() throws {
        let spec = try Self.loadRealSpec()
        let customer = try #require(spec.schema(named: "Customer")?.schema)
        #expect(customer.properties.first { $0.name == "links" }?.schema.reference == "Links")
        #expect(customer.properties.first { $0.name == "attributes" }?.schema.reference == "ResourceAttributes")
        #expect(customer.properties.first { $0.name == "companyProfile" }?.schema.reference == "CompanyProfile")
        let error = try #require(spec.schema(named: "PartnerCenterError")?.schema)
        #expect(error.properties.first { $0.name == "attributes" }?.schema.reference == "ResourceAttributes")
        #expect(error.properties.first { $0.name == "code" }?.schema.types == [.integer, .string])
        let link = try #require(spec.schema(named: "Link")?.schema)
        #expect(link.properties.first { $0.name == "headers" }?.schema.items?.reference == "KeyValuePair")
        let file = spec.location(ofSchema: "Links").file
        #expect(file.hasSuffix("spec/common.yaml"))
        // The schemas are plain values; the side table says where each one is written.
        let companyProfile = try #require(spec.locations["/schemas/Customer/properties/companyProfile"])
        let lines = try String(contentsOfFile: companyProfile.file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let written = lines[companyProfile.line - 1].dropFirst(companyProfile.column - 1)
        #expect(lines[companyProfile.line - 1].contains("companyProfile:") && written.hasPrefix("$ref"), "at the $ref key: \(written)")
        // An operation is where its mapping starts, under its id.
        let operation = spec.location(ofOperation: "getCustomerById")
        #expect(operation.file.hasSuffix("spec/partner-center.yaml") && operation == spec.locations["/operations/getCustomerById"])
        let operationLines = try String(contentsOfFile: operation.file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(operationLines[operation.line - 2] == "  getCustomerById:")
    }

    @Test("Schemas from every file are sorted by name; headers by name")
    func schemasAndHeadersAreSorted() throws {
        let spec = try Self.loadRealSpec()
        let names = spec.schemas.map(\.name)
        #expect(names == names.sorted())
        #expect(Set(names) == [
            "Address", "BillingProfile", "CompanyProfile", "Customer", "CustomerCollection", "KeyValuePair", "Link", "Links",
            "NamedValue", "ODataError", "ODataErrorDetail", "ODataMainError", "PartnerCenterError", "PartnerRelationship", "PartnerRelationshipCollection", "PartnerRelationshipType",
            "RelationshipToPartner", "ResourceAttributes",
        ])
        #expect(spec.headers.map(\.name) == ["Accept", "MS-Contract-Version", "MS-CorrelationId", "MS-RequestId", "X-Locale"])
        #expect(spec.headers.map(\.source) == [
            .fixed("application/json"), .fixed("v1"), .uuidPerClient, .uuidPerCall, .defaultValue("en-US"),
        ])
    }

    @Test("Loading the same spec twice, or from text, gives equal specs")
    func loadingIsDeterministic() throws {
        let path = try Self.realSpecPath()
        let first = try SpecLoader().load(paths: [path])
        #expect(try SpecLoader().load(paths: [path]) == first)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(try SpecLoader().load(text: text, path: path) == first)
    }

    @Test("Every spec of Fixtures/valid loads without a diagnostic", arguments: ["minimal", "array-self-reference", "cycle-through-array-between-schemas"])
    func validFixtureLoads(name: String) throws {
        let url = Fixtures.valid.appendingPathComponent(name + ".yaml")
        #expect(Fixtures.diagnostics(loading: [url], removing: Fixtures.valid) == [])
    }

    @Test("A schema may refer to itself through an array or a map")
    func arraySelfReferenceIsAccepted() throws {
        let spec = try SpecLoader().load(paths: [Fixtures.valid.appendingPathComponent("array-self-reference.yaml").path])
        let node = try #require(spec.schema(named: "TreeNode")?.schema)
        #expect(node.properties.first { $0.name == "children" }?.schema.items?.reference == "TreeNode")
        guard case let .schema(value)? = node.properties.first(where: { $0.name == "byLabel" })?.schema.additionalProperties else {
            Issue.record("byLabel is not a map of schemas")
            return
        }
        #expect(value.reference == "TreeNode")
    }

    @Test("A spec given as text is named by its path and reads its referenced files from disk")
    func textSpecReadsReferencedFiles() throws {
        let directory = try #require(Fixtures.specDirectory())
        let text = """
            api: Text
            servers: { default: https://example.com }
            operations:
              getAddress:
                method: GET
                path: /v1/address
                responses:
                  200: { $ref: 'common.yaml#/schemas/Address' }
            """
        let spec = try SpecLoader().load(text: text, path: directory.appendingPathComponent("inline.yaml").path)
        #expect(spec.operations.first?.responses.first?.schemaName == "Address")
        #expect(spec.schemas.contains { $0.name == "KeyValuePair" })
    }

    @Test("A missing file is a diagnostic, not a crash")
    func missingFileIsADiagnostic() {
        #expect(Fixtures.diagnostics(loading: [URL(fileURLWithPath: "/nonexistent/spec.yaml")], removing: URL(fileURLWithPath: "/nonexistent")) == [
            "spec.yaml:1:1: error: cannot read the file",
        ])
    }

    @Test("A spec without 'api' or 'servers' is reported")
    func apiAndServersAreRequired() {
        #expect(Self.diagnostics("title: Nothing\n") == ["inline.yaml:1:1: error: the spec declares no 'api' name"])
        #expect(Self.diagnostics("api: Bare\n") == ["inline.yaml:1:6: error: the spec declares no 'servers'"])
    }

    @Test("An unquoted null in a type list means the null type")
    func unquotedNullInTypeListIsNullable() throws {
        let text = """
            api: Nullable
            servers: { default: https://example.com }
            schemas:
              Note: { type: object, properties: { text: { type: [string, null] } } }
            """
        let spec = try SpecLoader().load(text: text, path: "inline.yaml")
        let property = try #require(spec.schemas.first?.schema.properties.first?.schema)
        #expect(property.types == [.string, .null], "null last among the types, as the runtime reads them")
        #expect(property.nonNullTypes == [.string] && property.allowsNull)
    }

    /// The diagnostics of a spec given as text, named `inline.yaml`.
    static func diagnostics(_ text: String) -> [String] {
        do {
            _ = try SpecLoader().load(text: text, path: "inline.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }
}
