/// The sample customers' positions by id: an open-addressing hash table of positions alone,
/// whose hash is the id's own random bits and whose keys are made again from the positions
/// (``SampleCustomers/idBits(of:)``), so that it costs four bytes per slot, two slots per customer.
struct CustomerIDIndex: Sendable {
    /// Positions, or -1 for an empty slot.
    private let slots: [Int32]
    private let mask: Int

    /// Indexes sample customers `0..<count` (at most `Int32.max`); of two with the same id,
    /// the first is found.
    init(count: Int) {
        var capacity = 16
        while capacity < 2 * count { capacity *= 2 }
        mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        for position in 0..<count {
            let key = SampleCustomers.idBits(of: position).key
            var slot = Self.firstSlot(of: key, mask: mask)
            var taken = false
            while slots[slot] >= 0, !taken {
                taken = SampleCustomers.idBits(of: Int(slots[slot])).key == key
                slot = (slot + 1) & mask
            }
            if !taken { slots[slot] = Int32(position) }
        }
        self.slots = slots
    }

    /// The position of the customer whose id has `key` (``UUIDBits/key``).
    func position(of key: UUIDBits) -> Int? {
        var slot = Self.firstSlot(of: key, mask: mask)
        while slots[slot] >= 0 {
            let position = Int(slots[slot])
            if SampleCustomers.idBits(of: position).key == key { return position }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The low bits of the id: random already, so they need no hashing.
    private static func firstSlot(of key: UUIDBits, mask: Int) -> Int {
        Int(truncatingIfNeeded: key.low) & mask
    }
}
