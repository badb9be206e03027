/// A string format the runtime checks, as the `format` keyword writes it: one definition for
/// the spec loader (SpecKit), the generator and the runtime's validator.
public enum StringFormat: String, Sendable, Hashable, CaseIterable {
    /// 8-4-4-4-12 hexadecimal digits, either case.
    case uuid
    /// An RFC 3339 date-time such as `2024-05-01T12:00:00.5+02:00`.
    case dateTime = "date-time"
    /// An RFC 3339 date-time whose offset may be absent: `2019-08-26T00:00:00` (a local
    /// time, as .NET writes an unspecified `DateTime`) or `2019-08-26T00:00:00Z`.
    case dateTimeZoneOptional = "date-time-zone-optional"
    /// A decimal number: in a spec, `type: [number, string], format: decimal` (a JSON number,
    /// or a string holding a JSON number literal such as `"25"` or `"-0.5"`); a number itself
    /// is not a string, so the runtime checks `format` on strings only.
    case decimal
    /// An absolute URI with a scheme (RFC 3986).
    case uri
    /// A simple `local@domain.tld` address.
    case email
}
