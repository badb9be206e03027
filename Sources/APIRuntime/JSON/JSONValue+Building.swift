import Foundation

extension JSONValue {
    /// An object of the given members, leaving out those that are nil (absent arguments).
    public static func members(_ members: [String: JSONValue?]) -> JSONValue {
        .object(JSONObject(members.compactMapValues(\.self)))
    }

    /// The JSON form of an `Encodable` value (a generated model passed as a parameter).
    /// - Throws: `APIError` (`invalidRequest`) when it cannot be encoded.
    public init(encoding value: some Encodable) throws(APIError) {
        if let model = value as? any JSONCodable {
            self = model.toJSON()
            return
        }
        do {
            self = try JSONParser.parse(JSONEncoder().encode(value))
        } catch {
            throw APIError(.invalidRequest(["cannot encode \(type(of: value)): \(error)"]))
        }
    }
}
