import APIRuntime
import Foundation
import PartnerCenter
import Testing

/// Shapes Partner Center really sends, which the spec describes and the models hold exactly:
/// money as a number or a numeric string, `null` values, date-times without a zone, and the
/// body of `validateAddress`.
@Suite struct ServiceShapeTests {
    static func validate(_ json: String, as schema: String) throws -> (JSONValue, [String]) {
        let value = try JSONParser.parse(Data(json.utf8))
        let contents = try PartnerCenterClient.document.get()
        return (value, SchemaValidator(registry: contents.schemas).validate(value, againstSchemaNamed: schema).map(\.description))
    }

    @Test func moneyArrivesAsANumberOrANumericStringAndDecodesExactly() throws {
        // A new-commerce one-time item as Microsoft's current examples show it, beside an older one.
        let (page, violations) = try Self.validate(
            #"""
            {"totalCount": 2, "items": [
              {"unitPrice": "25", "effectiveUnitPrice": "0.1", "quantity": "720", "subtotal": "18000.10", "taxTotal": "0", "totalForCustomer": "18000.10",
               "attributes": {"objectType": "OneTimeInvoiceLineItem"}},
              {"unitPrice": 25.5, "effectiveUnitPrice": 0.1, "quantity": 3, "subtotal": 76.5, "taxTotal": 0, "totalForCustomer": 1e2,
               "attributes": {"objectType": "OneTimeInvoiceLineItem"}}
            ], "attributes": {"objectType": "Collection"}}
            """#, as: "InvoiceLineItemCollection")
        #expect(violations.isEmpty, "\(violations)")
        let decoded = try JSONValueDecoder().decode(InvoiceLineItemCollection.self, from: page)
        guard case let .oneTimeInvoiceLineItem(strings) = decoded.items[0], case let .oneTimeInvoiceLineItem(numbers) = decoded.items[1] else {
            Issue.record("\(decoded.items)")
            return
        }
        #expect(strings.unitPrice == Decimal(25))
        #expect(strings.effectiveUnitPrice == Decimal(string: "0.1"), "exactly one tenth, not 0.1000000000000000055…")
        #expect(strings.quantity == Decimal(720))
        #expect(strings.subtotal == Decimal(string: "18000.10"))
        #expect(numbers.unitPrice == Decimal(string: "25.5"))
        #expect(numbers.effectiveUnitPrice == Decimal(string: "0.1"))
        #expect(numbers.totalForCustomer == Decimal(100))
    }

    @Test(arguments: [#""25 EUR""#, #""""#, #""0x19""#, #""1,5""#, "true"])
    func aValueThatIsNoNumberIsAViolationAtItsPointer(literal: String) throws {
        let (_, violations) = try Self.validate(
            #"{"items": [{"unitPrice": \#(literal), "attributes": {"objectType": "OneTimeInvoiceLineItem"}}]}"#, as: "InvoiceLineItemCollection"
        )
        #expect(violations.count == 1 && violations[0].hasPrefix("/items/0/unitPrice: "), "\(violations)")
    }

    @Test func aDecimalBeyondDecimalsPrecisionIsRefusedNotRounded() throws {
        let json = try JSONParser.parse(Data(#"{"unitPrice": "1.000000000000000000000000000000000000001", "attributes": {"objectType": "OneTimeInvoiceLineItem"}}"#.utf8))
        #expect(throws: JSONDecodingError.self) { _ = try OneTimeInvoiceLineItem(fromJSON: json) }
    }

    @Test func aDecimalIsWrittenBackAsANumber() throws {
        let item = try OneTimeInvoiceLineItem(fromJSON: JSONParser.parse(Data(#"{"unitPrice": "25.10", "attributes": {"objectType": "OneTimeInvoiceLineItem"}}"#.utf8)))
        #expect(item.toJSON()["unitPrice"] == .number(JSONNumber(literal: "25.1")))
    }

    @Test func anAuditRecordsCustomizedDataMayHoldNull() throws {
        let (record, violations) = try Self.validate(
            #"{"operationType": "create_order", "customizedData": [{"key": "PartnerOnRecord-0", "value": null}, {"key": "OrderId", "value": "o-1"}]}"#,
            as: "AuditRecord"
        )
        #expect(violations.isEmpty, "\(violations)")
        let decoded = try JSONValueDecoder().decode(AuditRecord.self, from: record)
        #expect(decoded.customizedData?.map(\.key) == ["PartnerOnRecord-0", "OrderId"])
        #expect(decoded.customizedData?.map(\.value) == [nil, "o-1"])
    }

    @Test(arguments: ["2019-08-26T00:00:00", "2019-08-26T00:00:00.0000000", "2019-08-26T00:00:00Z", "2019-08-26T00:00:00+02:00"])
    func anAgreementDateMayComeWithoutAZone(date: String) throws {
        let (agreement, violations) = try Self.validate(
            #"{"primaryContact": {"firstName": "A", "lastName": "B", "email": "a@b.example"}, "templateId": "t", "type": "MicrosoftCustomerAgreement", "dateAgreed": "\#(date)"}"#,
            as: "Agreement"
        )
        #expect(violations.isEmpty, "\(violations)")
        // Kept as sent: no zone is invented for a date that has none.
        #expect(try JSONValueDecoder().decode(Agreement.self, from: agreement).dateAgreed == date)
    }

    @Test(arguments: ["2019-08-26", "2019-08-26T00:00", "2019-13-26T00:00:00", "26/08/2019 00:00:00"])
    func aDateThatIsNoDateTimeIsStillAViolation(date: String) throws {
        let (_, violations) = try Self.validate(
            #"{"primaryContact": {"firstName": "A", "lastName": "B", "email": "a@b.example"}, "templateId": "t", "type": "MicrosoftCustomerAgreement", "dateAgreed": "\#(date)"}"#,
            as: "Agreement"
        )
        #expect(violations.map { $0.prefix(12) } == ["/dateAgreed:"], "\(violations)")
    }

    @Test func validateAddressAnswersWithAVerdict() throws {
        let (result, violations) = try Self.validate(
            #"""
            {"originalAddress": {"country": "US", "region": "WA", "city": "Redmond", "addressLine1": "1 Micro Way", "postalCode": "98052"},
             "suggestedAddresses": [{"country": "US", "region": "WA", "city": "Redmond", "addressLine1": "1 Microsoft Way", "postalCode": "98052-8300"}],
             "status": "StreetPartial", "validationMessage": "Address field invalid for property: 'Street'"}
            """#, as: "AddressValidationResult")
        #expect(violations.isEmpty, "\(violations)")
        let decoded = try JSONValueDecoder().decode(AddressValidationResult.self, from: result)
        #expect(decoded.status == .streetPartial)
        #expect(decoded.suggestedAddresses?.first?.postalCode == "98052-8300")
        let contents = try PartnerCenterClient.document.get()
        #expect(contents.operations["validateAddress"]?.response(for: 200)?.schemaName == "AddressValidationResult")
    }
}
