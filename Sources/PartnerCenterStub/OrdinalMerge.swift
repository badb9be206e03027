/// Reads the union of ascending position lists in order, from any point, with a heap of the
/// lists' next positions: a page of `n` costs about `n · log(lists)` and a binary search per
/// list, however long the lists are.
enum OrdinalMerge {
    /// The first `limit` positions greater than `after` in the union of `lists` (ascending,
    /// disjoint), in ascending order.
    static func first(_ limit: Int, after: Int, in lists: [ArraySlice<Int32>]) -> [Int] {
        var heads = Heap()
        for list in lists {
            let start = list.firstIndex(notBelow: after + 1)
            if start < list.endIndex { heads.insert(Head(position: list[start], rest: list[(start + 1)...])) }
        }
        var positions: [Int] = []
        positions.reserveCapacity(min(limit, lists.reduce(0) { $0 + $1.count }))
        while positions.count < limit, let head = heads.popMinimum() {
            positions.append(Int(head.position))
            if let next = head.rest.first { heads.insert(Head(position: next, rest: head.rest.dropFirst())) }
        }
        return positions
    }

    /// A list's next position and what follows it.
    private struct Head {
        var position: Int32
        var rest: ArraySlice<Int32>
    }

    /// A binary min-heap of heads by position.
    private struct Heap {
        private var heads: [Head] = []

        mutating func insert(_ head: Head) {
            heads.append(head)
            var child = heads.count - 1
            while child > 0, heads[(child - 1) / 2].position > heads[child].position {
                heads.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        }

        mutating func popMinimum() -> Head? {
            guard !heads.isEmpty else { return nil }
            heads.swapAt(0, heads.count - 1)
            let minimum = heads.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heads.count, heads[left].position < heads[smallest].position { smallest = left }
                if right < heads.count, heads[right].position < heads[smallest].position { smallest = right }
                guard smallest != parent else { return minimum }
                heads.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }
}
