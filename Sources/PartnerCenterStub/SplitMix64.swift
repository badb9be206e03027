/// A small, fast, seedable generator (SplitMix64), so sample data is the same everywhere.
///
/// Its state after `n` draws is `seed + n·γ`, so a generator can start at any draw of a
/// stream without making the draws before it (``init(seed:skipping:)``).
struct SplitMix64 {
    /// The increment of the state per draw (γ, the golden ratio in 64 bits).
    private static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// The generator of `seed` after `draws` draws: the next draw is the stream's number `draws` (from 0).
    init(seed: UInt64, skipping draws: Int) {
        state = seed &+ UInt64(truncatingIfNeeded: draws) &* Self.increment
    }

    mutating func next() -> UInt64 {
        state &+= Self.increment
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A lowercase version-4-shaped UUID made of the next two draws (see ``UUIDBits``).
    mutating func uuid() -> String {
        nextUUIDBits().text
    }

    /// The next two draws, as the bits of a UUID.
    mutating func nextUUIDBits() -> UUIDBits {
        let high = next()
        return UUIDBits(high: high, low: next())
    }
}
