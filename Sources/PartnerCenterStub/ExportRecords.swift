import APIRuntime
import Foundation

/// The records of the stub's billing exports: one JSON object per line, with the columns
/// Microsoft documents, made from the sample customers, the same on every run. Money and
/// quantities are written as the service writes them, with their trailing zeros
/// (`"UnitPrice":36.0000`), so that a client that re-prints them instead of passing them on
/// can be caught.
struct ExportRecords {
    enum Kind: Sendable {
        /// Invoice reconciliation line items (`ReconciliationRecord`).
        case reconciliation
        /// Daily-rated usage line items (`DailyRatedUsageRecord`).
        case usage
    }

    /// The sample partner's tenant.
    static let partnerTenantID = "0e195b37-4574-4539-bc42-0e539b9684c0"

    let kind: Kind
    let invoiceID: String
    /// `attributeSet: basic`: the usage export's first 30 attributes only.
    let basic: Bool
    let data: SampleData

    /// The customers lines are made for, cycled: few, so making a line costs no customer.
    private var customers: [(id: String, name: String, domain: String)] {
        (0..<min(64, max(1, data.entries.count))).map { index in
            let customer = SampleCustomers.customer(index)
            return (customer.id, customer.companyProfile?.companyName ?? "", customer.companyProfile?.domain ?? "")
        }
    }

    private static let products: [(id: String, sku: String, name: String, price: String, meter: String)] = [
        ("CFQ7TTC0LH18", "0001", "Microsoft 365 Business Basic", "6.0000", "Users"),
        ("CFQ7TTC0LCHC", "0002", "Microsoft 365 E3", "36.0000", "Users"),
        ("DZH318Z0BQ4L", "003J", "Virtual Machines Dv3 Series - D2 v3", "0.1120", "Compute Hours"),
        ("DZH318Z0BPS6", "0081", "Storage - Standard LRS Data Stored", "0.0208", "GB/Month"),
    ]

    /// Writes lines `range` (JSON Lines, `\n` after each) into `writer`, in chunks.
    func write(lines range: Range<Int>, into writer: inout GzipWriter) {
        let customers = customers
        var chunk: [UInt8] = []
        chunk.reserveCapacity(300 * 1024)
        for index in range {
            appendLine(index, customers: customers, to: &chunk)
            if chunk.count >= 256 * 1024 {
                writer.write(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        writer.write(chunk)
    }

    private func appendLine(_ index: Int, customers: [(id: String, name: String, domain: String)], to line: inout [UInt8]) {
        let customer = customers[index % customers.count]
        let product = Self.products[index % Self.products.count]
        let quantity = 1 + index % 25
        let day = 1 + index % 28
        var fields: [(String, String)] = []
        func text(_ name: String, _ value: String) { fields.append((name, Self.quoted(value))) }
        func number(_ name: String, _ literal: String) { fields.append((name, literal)) }
        switch kind {
        case .reconciliation:
            text("PartnerId", Self.partnerTenantID)
            text("CustomerId", customer.id)
            text("CustomerName", customer.name)
            text("CustomerDomainName", customer.domain)
            text("CustomerCountry", "US")
            text("InvoiceNumber", invoiceID)
            text("MpnId", "4812345")
            text("ResellerMpnId", index % 3 == 0 ? "" : "5123456")
            text("OrderId", String(format: "%016x", 0x5EED_0000 + index / 4))
            text("OrderDate", "2024-05-\(String(format: "%02d", day))T00:00:00Z")
            text("ProductId", product.id)
            text("SkuId", product.sku)
            text("AvailabilityId", "CFQ7TTC0\(String(format: "%04X", index % 0x10000))")
            text("SkuName", product.name)
            text("ProductName", product.name)
            text("ChargeType", ["new", "renew", "cycleCharge", "addQuantity"][index % 4])
            number("UnitPrice", product.price)
            number("Quantity", String(quantity))
            number("Subtotal", Self.times(product.price, quantity))
            number("TaxTotal", "0.0000")
            number("Total", Self.times(product.price, quantity))
            text("Currency", "USD")
            fields.append(("PriceAdjustmentDescription", index % 5 == 0 ? "[\"15.0% discount\"]" : "[]"))
            text("PublisherName", "Microsoft Corporation")
            text("PublisherId", "N/A")
            text("SubscriptionDescription", product.name)
            text("SubscriptionId", String(format: "%08x-0000-4000-8000-%012x", index % 997, index % 997))
            text("ChargeStartDate", "2024-05-01T00:00:00Z")
            text("ChargeEndDate", "2024-05-31T00:00:00Z")
            text("TermAndBillingCycle", "1 Year Subscription - Monthly")
            number("EffectiveUnitPrice", product.price)
            text("UnitType", product.meter)
            text("AlternateId", String(format: "%012x", index))
            number("BillableQuantity", String(quantity))
            text("BillingFrequency", "Monthly")
            text("PricingCurrency", "USD")
            number("PCToBCExchangeRate", "1")
            text("PCToBCExchangeRateDate", "2024-05-01T00:00:00Z")
            text("MeterDescription", index % 2 == 0 ? "" : product.meter)
            text("ReservationOrderId", "")
            text("CreditReasonCode", "")
            text("SubscriptionStartDate", "2024-01-01T00:00:00Z")
            text("SubscriptionEndDate", "2024-12-31T00:00:00Z")
            text("ReferenceId", String(format: "%012x", 0xABC_0000 + index))
            fields.append(("ProductQualifiers", index % 7 == 0 ? "[\"AddOn\"]" : "[]"))
            text("PromotionId", "")
        case .usage:
            text("PartnerId", Self.partnerTenantID)
            text("PartnerName", "Sample Partner")
            text("CustomerId", customer.id)
            text("CustomerName", customer.name)
            text("InvoiceNumber", invoiceID)
            text("ProductId", product.id)
            text("SkuId", product.sku)
            text("SkuName", product.name)
            text("PublisherName", "Microsoft")
            text("SubscriptionId", String(format: "%08x-0000-4000-8000-%012x", index % 997, index % 997))
            text("ChargeStartDate", "2024-05-01T00:00:00Z")
            text("ChargeEndDate", "2024-05-31T00:00:00Z")
            text("UsageDate", "2024-05-\(String(format: "%02d", day))T00:00:00Z")
            text("ResourceURI", "/subscriptions/\(String(format: "%08x", index % 997))/resourceGroups/rg-\(index % 13)/providers/Microsoft.Compute/virtualMachines/vm-\(index % 31)")
            text("ChargeType", "new")
            number("UnitPrice", product.price)
            number("Quantity", "\(quantity).500000")
            text("UnitType", product.meter)
            number("BillingPreTaxTotal", Self.times(product.price, quantity))
            text("BillingCurrency", "USD")
            number("PricingPreTaxTotal", Self.times(product.price, quantity))
            text("PricingCurrency", "USD")
            text("AdditionalInfo", "")
            number("EffectiveUnitPrice", product.price)
            number("PCToBCExchangeRate", "1")
            text("EntitlementId", String(format: "%08x-0000-4000-8000-%012x", index % 997, index % 997))
            number("CreditPercentage", "0")
            text("CreditType", "")
            text("BenefitOrderID", "")
            text("BenefitType", "")
            if !basic {
                text("CustomerDomainName", customer.domain)
                text("CustomerCountry", "US")
                text("MpnId", "4812345")
                text("Tier2MpnId", "")
                text("AvailabilityId", "DZH318Z0BQ4L")
                text("ProductName", product.name)
                text("PublisherId", "")
                text("SubscriptionDescription", "Azure plan")
                text("MeterType", "1 Compute Hour")
                text("MeterCategory", "Virtual Machines")
                text("MeterId", String(format: "%08x-1111-4000-8000-%012x", index % 4, index % 4))
                text("MeterSubCategory", "Dv3/DSv3 Series")
                text("MeterName", "D2 v3/D2s v3")
                text("MeterRegion", "US East")
                text("Unit", "1 Hour")
                text("ResourceLocation", "eastus")
                text("ConsumedService", "Microsoft.Compute")
                text("ResourceGroup", "rg-\(index % 13)")
                text("ServiceInfo1", "")
                text("ServiceInfo2", "")
                text("Tags", index % 3 == 0 ? "{\"env\":\"prod\"}" : "")
                text("EntitlementDescription", "Azure plan")
                number("PartnerEarnedCreditPercentage", index % 2 == 0 ? "15" : "0")
                text("BenefitID", "")
            }
        }
        line.append(UInt8(ascii: "{"))
        for (position, field) in fields.enumerated() {
            if position > 0 { line.append(UInt8(ascii: ",")) }
            line.append(UInt8(ascii: "\""))
            line.append(contentsOf: field.0.utf8)
            line.append(contentsOf: "\":".utf8)
            line.append(contentsOf: field.1.utf8)
        }
        line.append(contentsOf: "}\n".utf8)
    }

    /// `price` × `quantity`, with the price's four decimals.
    private static func times(_ price: String, _ quantity: Int) -> String {
        let parts = price.split(separator: ".")
        let units = (Int(parts[0]) ?? 0) * 10_000 + (Int(parts.count > 1 ? parts[1] : "0") ?? 0)
        let total = units * quantity
        return "\(total / 10_000).\(String(format: "%04d", total % 10_000))"
    }

    /// A JSON string literal.
    private static func quoted(_ text: String) -> String {
        JSONWriter.string(from: .string(text))
    }
}
