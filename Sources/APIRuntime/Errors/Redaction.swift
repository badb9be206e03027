import Foundation

/// Removes secrets from text that may reach an error, a description or a log line.
public enum Redaction {
    /// Markers after which a secret follows, up to the next separator.
    private static let markers = ["bearer ", "access_token=", "refresh_token=", "client_secret=", "\"access_token\":\"", "\"refresh_token\":\""]

    /// `text` with every bearer token, access/refresh token and client secret replaced by `<redacted>`.
    public static func redact(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let (marker, range) = firstMarker(in: rest) {
            result += rest[..<range.upperBound]
            rest = rest[range.upperBound...]
            let secretEnd = rest.firstIndex { " \t\r\n&,\";".contains($0) } ?? rest.endIndex
            if secretEnd > rest.startIndex || marker.hasSuffix("=") {
                result += "<redacted>"
            }
            rest = rest[secretEnd...]
        }
        return result + rest
    }

    private static func firstMarker(in text: Substring) -> (String, Range<Substring.Index>)? {
        markers.compactMap { marker in text.range(of: marker, options: .caseInsensitive).map { (marker, $0) } }
            .min { $0.1.lowerBound < $1.1.lowerBound }
    }
}
