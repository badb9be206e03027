import Foundation
import PartnerCenter
import Testing

/// The models generated from spec/ decode what Partner Center sends.
@Suite struct GeneratedModelTests {
    private func sample() throws -> Data {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/customers-of-indirect-reseller", withExtension: "json"))
        return try Data(contentsOf: url)
    }

    @Test func sampleResponseDecodesWithTheGeneratedModels() throws {
        let page = try JSONDecoder().decode(CustomerCollection.self, from: sample())
        #expect(page.totalCount == 2)
        #expect(page.items.count == 2)
        let first = page.items[0]
        #expect(first.id == "1d4ab9c4-8a55-4dc9-8f65-ad6c25f2a7e9")
        #expect(first.companyProfile?.domain == "")
        #expect(first.companyProfile?.companyName == "Contoso Ltd ")
        #expect(first.relationshipToPartner == .reseller)
        #expect(first.attributes?.etag == "-8589934592")
        #expect(page.items[1].billingProfile?.language == "En")
        #expect(page.items[1].billingProfile?.defaultAddress?.phoneNumber == "")
        #expect(page.links?.next?.headers?.first?.value == "AQAAAA==,+/abc")
    }

    @Test func runtimeDecoderAgreesWithJSONDecoderOnTheSample() throws {
        let viaFoundation = try JSONDecoder().decode(CustomerCollection.self, from: sample())
        let viaValue = try JSONValueDecoder().decode(CustomerCollection.self, from: JSONParser.parse(sample()))
        #expect(viaValue == viaFoundation)
    }

    /// JSON Schema's integer has no size limit, so such a page is valid; the generated model
    /// refuses it with the same words as `Decodable` does, naming where the number is.
    @Test func integerBeyondIntIsADecodingErrorAtItsPointer() throws {
        for huge in ["123456789012345678901234567890", "1e99999999999999999999992"] {
            let json = try JSONParser.parse(Data(#"{"items":[{"id":"1"}],"totalCount":\#(huge)}"#.utf8))
            #expect(throws: JSONDecodingError(path: ["totalCount"], reason: "the number \(huge) does not fit Int")) {
                try CustomerCollection(fromJSON: json)
            }
        }
    }

    @Test func tolerantEnumKeepsUnknownValues() throws {
        let page = try JSONDecoder().decode(CustomerCollection.self, from: sample())
        #expect(page.items[1].relationshipToPartner == .undocumented("some_future_relationship"))
        let encoded = try JSONEncoder().encode(page.items[1].relationshipToPartner)
        #expect(String(decoding: encoded, as: UTF8.self) == "\"some_future_relationship\"")
        #expect(RelationshipToPartner(rawValue: "unknown") == .unknown)
        #expect(RelationshipToPartner.documented.map(\.rawValue) == ["unknown", "reseller", "advisor", "syndication", "microsoft_support", "none"])
    }

    @Test func modelsRoundTripThroughJSON() throws {
        let page = try JSONDecoder().decode(CustomerCollection.self, from: sample())
        let again = try JSONDecoder().decode(CustomerCollection.self, from: JSONEncoder().encode(page))
        #expect(again == page)
    }

    @Test func compiledSpecIsReadable() throws {
        let contents = try PartnerCenterClient.document.get()
        #expect(contents.api == "PartnerCenter")
        #expect(contents.servers["default"] == "https://api.partnercenter.microsoft.com")
        #expect(contents.servers["china"] == "https://partner.partnercenterapi.microsoftonline.cn")
        let operation = try #require(contents.operations["getCustomersOfIndirectReseller"])
        #expect(operation.method == .GET)
        #expect(operation.path == "/v1/customers")
        #expect(operation.parameters.map(\.name) == ["filter", "size"])
        #expect(operation.paging?.style == .nextLink(["links", "next"]))
        #expect(contents.headers.map(\.name) == ["Accept", "MS-Contract-Version", "MS-CorrelationId", "MS-RequestId", "X-Locale"])
    }

    @Test func sampleResponseSatisfiesTheSpecSchema() throws {
        let contents = try PartnerCenterClient.document.get()
        let schema = try #require(contents.schemas["CustomerCollection"])
        let json = try JSONParser.parse(sample())
        #expect(SchemaValidator(registry: contents.schemas).validate(json, against: schema).isEmpty)
    }

    @Test func schemaViolationsNameTheirJSONPointer() throws {
        let contents = try PartnerCenterClient.document.get()
        let schema = try #require(contents.schemas["CustomerCollection"])
        var text = try #require(String(data: sample(), encoding: .utf8))
        text = text.replacingOccurrences(of: "\"companyName\": \"Contoso Ltd \"", with: "\"companyName\": 42")
        let violations = SchemaValidator(registry: contents.schemas).validate(try JSONParser.parse(Data(text.utf8)), against: schema)
        #expect(violations.map(\.description) == ["/items/0/companyProfile/companyName: expected string, got integer"])
    }
}
