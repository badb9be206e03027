import Foundation

/// A body of any length whose bytes follow a fixed pseudo-random pattern, produced and
/// checked by offset: large bodies are served and verified without ever being held whole.
public struct BodyPattern: Sendable {
    /// The pattern's period, a prime, so that no chunk size lines up with it.
    public static let period = 65_521
    private static let block: [UInt8] = {
        var state: UInt32 = 0x9E37_79B9
        return (0..<period).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }()

    /// The body's length in bytes.
    public let length: Int

    public init(length: Int) {
        self.length = length
    }

    /// The bytes from `offset` to the end of the period or of the body, whichever is first;
    /// nil at the end. Fit for `HTTPServerResponse(streamingLength:producer:)`.
    public func chunk(at offset: Int) -> Data? {
        guard offset < length else { return nil }
        let start = offset % Self.period
        let count = min(Self.period - start, length - offset)
        return Data(Self.block[start..<(start + count)])
    }

    /// Whether `data` is the body's bytes from `offset` on.
    public func matches(_ data: Data, at offset: Int) -> Bool {
        guard offset + data.count <= length else { return false }
        var position = 0
        while position < data.count {
            guard let expected = chunk(at: offset + position) else { return false }
            let part = data.dropFirst(position).prefix(expected.count)
            // Data compares with memcmp, slices included.
            guard part == expected.prefix(part.count) else { return false }
            position += part.count
        }
        return true
    }
}
