import Foundation

/// Removes secrets from text that may reach an error, a description or a log line.
public enum Redaction {
    /// Markers after which a secret follows, up to the next separator.
    private static let markers = [
        "bearer ", "access_token=", "refresh_token=", "client_secret=", "\"access_token\":\"", "\"refresh_token\":\"", "\"client_secret\":\"",
    ]

    /// Words after "Bearer " shorter than this are prose, not tokens.
    static let minimumBearerLength = 8

    /// `text` with every bearer token, access/refresh token and client secret replaced by `<redacted>`.
    public static func redact(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let (marker, range) = firstMarker(in: rest) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let secretEnd = rest.firstIndex { " \t\r\n&,\";".contains($0) } ?? rest.endIndex
            let length = rest.distance(from: rest.startIndex, to: secretEnd)
            // After "Bearer " only a token-like word is a secret, not prose ("a bearer token is required").
            if marker != "bearer " || length >= Self.minimumBearerLength {
                result += "<redacted>"
                rest = rest[secretEnd...]
            }
        }
        return result + rest
    }

    private static func firstMarker(in text: Substring) -> (String, Range<Substring.Index>)? {
        markers.compactMap { marker in text.range(of: marker, options: .caseInsensitive).map { (marker, $0) } }
            .min { $0.1.lowerBound < $1.1.lowerBound }
    }
}
