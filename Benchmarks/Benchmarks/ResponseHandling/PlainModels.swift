/// The baseline's models: what a client that trusts `Codable` decodes the page into. The
/// same properties as the generated `CustomerCollection` and the types it holds, with
/// synthesized `Decodable` (which ignores the members it does not declare, where the
/// generated models keep them). The generated models' own `Codable` goes through their JSON
/// coding, so decoding them with `JSONDecoder` would not measure a plain decode.
enum Plain {
    struct CustomerCollection: Decodable {
        var totalCount: Int?
        var items: [Customer]
        var links: Links?
        var continuationToken: String?
        var attributes: ResourceAttributes?
    }

    struct Customer: Decodable {
        var id: String
        var commerceId: String?
        var companyProfile: CompanyProfile?
        var billingProfile: BillingProfile?
        var relationshipToPartner: String?
        var allowDelegatedAccess: Bool?
        var customDomains: [String]?
        var associatedPartnerId: String?
        var links: Links?
        var attributes: ResourceAttributes?
    }

    struct CompanyProfile: Decodable {
        var tenantId: String?
        var domain: String?
        var companyName: String?
        var address: Address?
        var email: String?
        var links: Links?
        var attributes: ResourceAttributes?
    }

    struct BillingProfile: Decodable {
        var id: String?
        var firstName: String?
        var lastName: String?
        var email: String?
        var culture: String?
        var language: String?
        var companyName: String?
        var defaultAddress: Address?
        var links: Links?
        var attributes: ResourceAttributes?
    }

    struct Address: Decodable {
        var country: String?
        var region: String?
        var city: String?
        var state: String?
        var addressLine1: String?
        var addressLine2: String?
        var addressLine3: String?
        var postalCode: String?
        var firstName: String?
        var lastName: String?
        var phoneNumber: String?
    }

    struct Links: Decodable {
        var self_: Link?
        var next: Link?
        var previous: Link?

        enum CodingKeys: String, CodingKey {
            case self_ = "self"
            case next
            case previous
        }
    }

    struct Link: Decodable {
        var uri: String
        var method: String?
        var headers: [KeyValuePair]?
    }

    struct KeyValuePair: Decodable {
        var key: String
        var value: String
    }

    struct ResourceAttributes: Decodable {
        var etag: String?
        var objectType: String?
    }
}
