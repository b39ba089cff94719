/// The simulator's pending events, earliest first: a 4-ary min-heap over a flat array.
///
/// Events are plain values compared by two integers, so a wide, shallow heap that sifts with
/// moves instead of swaps does less work per event than a general-purpose heap.
struct EventQueue {
    private var items: [Event] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }

    /// The earliest event, without removing it.
    var min: Event? { items.first }

    mutating func insert(_ event: Event) {
        items.append(event)
        items.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) >> 2
                guard event < heap[parent] else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = event
        }
    }

    /// Removes and returns the earliest event.
    mutating func popMin() -> Event? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        return items.withUnsafeMutableBufferPointer { heap in
            let first = heap[0]
            let count = heap.count
            var hole = 0
            while true {
                let start = hole << 2 + 1
                guard start < count else { break }
                var best = start
                let end = Swift.min(start + 4, count)
                var index = start + 1
                while index < end {
                    if heap[index] < heap[best] { best = index }
                    index += 1
                }
                guard heap[best] < last else { break }
                heap[hole] = heap[best]
                hole = best
            }
            heap[hole] = last
            return first
        }
    }
}
