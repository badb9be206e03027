import Foundation

/// A fixed list of object keys, each found by its position without hashing the key.
///
/// Looking a member up in a `[String: JSONValue]` runs SipHash over the key on every call,
/// and validating a page of customers did that tens of thousands of times. A schema knows
/// its declared property names in advance, so the table indexes them once by their length
/// and first eight bytes: finding a key is an integer probe or two and, for a key longer
/// than eight bytes, one comparison of the rest. ``ConformanceCheck`` matches each member
/// of an object to its property with one.
///
/// Keys match byte for byte, that is by code points as JSON Schema compares property
/// names, not by Swift's canonical equivalence (`"é"` is not `"e\u{301}"` here).
struct JSONKeyTable: Sendable {
    /// Every key's UTF-8, one after another.
    private let utf8: [UInt8]
    /// Where each key starts in ``utf8``, and (last) where the final one ends.
    private let starts: [Int]
    /// Each key's first eight bytes, as ``Signature/head``.
    private let heads: [UInt64]
    /// Open addressing over the keys' signatures: a position, or -1 for an empty slot.
    private var slots: [Int32]

    /// Indexes `keys`, each found at its index in them; a key given twice is found at its first.
    init(_ keys: [String]) {
        guard !keys.isEmpty else {
            // Most schemas declare no properties: no storage for them (validation compiles
            // an inline schema's subschemas per call).
            (utf8, starts, heads, slots) = ([], [], [], [])
            return
        }
        var utf8: [UInt8] = []
        var starts: [Int] = []
        for key in keys {
            starts.append(utf8.count)
            utf8.append(contentsOf: key.utf8)
        }
        starts.append(utf8.count)
        self.utf8 = utf8
        self.starts = starts
        let signatures = utf8.withUnsafeBufferPointer { all in
            keys.indices.map { Self.signature(of: UnsafeBufferPointer(rebasing: all[starts[$0]..<starts[$0 + 1]])) }
        }
        heads = signatures.map(\.head)
        var capacity = 4
        while capacity < keys.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: -1, count: capacity)
        for (position, signature) in signatures.enumerated() {
            utf8.withUnsafeBufferPointer { all in
                let key = UnsafeBufferPointer(rebasing: all[starts[position]..<starts[position + 1]])
                var slot = signature.slot(in: capacity)
                while slots[slot] >= 0 {
                    if matches(key, signature, at: Int(slots[slot])) { return }
                    slot = (slot + 1) & (capacity - 1)
                }
                slots[slot] = Int32(position)
            }
        }
    }

    /// The position of `key` in ``keys``, or nil when it is not one of them.
    func position(of key: String) -> Int? {
        if let found = key.utf8.withContiguousStorageIfAvailable({ position(ofUTF8: $0) }) { return found }
        var contiguous = key
        return contiguous.withUTF8 { position(ofUTF8: $0) }
    }

    /// The position of the key whose UTF-8 is `key`, or nil.
    func position(ofUTF8 key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !slots.isEmpty else { return nil }
        let signature = Self.signature(of: key)
        let mask = slots.count - 1
        var slot = signature.slot(in: slots.count)
        while true {
            let position = Int(slots[slot])
            guard position >= 0 else { return nil }
            if matches(key, signature, at: position) { return position }
            slot = (slot + 1) & mask
        }
    }

    /// Whether the key at `position` is `key`, whose signature is `signature`.
    private func matches(_ key: UnsafeBufferPointer<UInt8>, _ signature: Signature, at position: Int) -> Bool {
        let start = starts[position]
        guard heads[position] == signature.head, starts[position + 1] - start == key.count else { return false }
        guard key.count > 8 else { return true }
        return utf8.withUnsafeBufferPointer { table in
            guard let base = table.baseAddress, let keyBase = key.baseAddress else { return false }
            return memcmp(base + start + 8, keyBase + 8, key.count - 8) == 0
        }
    }

    /// A key's length and first eight bytes, what the table is indexed by.
    private struct Signature {
        let count: Int
        let head: UInt64

        /// The signature's slot in a table of `capacity` (a power of two) slots.
        func slot(in capacity: Int) -> Int {
            let mixed = (head ^ UInt64(truncatingIfNeeded: count)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed >> 32) & (capacity - 1)
        }
    }

    private static func signature(of key: UnsafeBufferPointer<UInt8>) -> Signature {
        guard let base = key.baseAddress else { return Signature(count: 0, head: 0) }
        if key.count >= 8 {
            return Signature(count: key.count, head: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        }
        var head: UInt64 = 0
        for index in 0..<key.count {
            head |= UInt64(base[index]) << (8 * UInt64(index))
        }
        return Signature(count: key.count, head: head)
    }
}
