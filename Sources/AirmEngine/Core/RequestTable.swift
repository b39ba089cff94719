import AirmSpec

/// The requests in flight, in reusable slots: memory follows the number in flight, not the
/// number of requests.
struct RequestTable: Sendable {
    /// One request in flight and its current attempt.
    struct Slot: Sendable {
        var flow: RequestFlow
        var stream: Int32
        /// The request's number within its stream.
        var ordinal: Int
        /// Whether a closed-model user sent it (and waits for it).
        var fromUser: Bool
        /// A call's ticket (`stream` is `RequestSample.noStream`); 0 otherwise.
        var ticket: UInt64 = 0
        // The attempt in flight.
        var provider: Int32 = 0
        var token = CircuitBreaker.Token(generation: 0, probe: false)
        var startedAt = TimeSpan.zero
    }

    private(set) var slots: [Slot] = []
    private var free: [Int32] = []

    /// Stores a new request and returns its slot.
    mutating func insert(_ slot: Slot) -> Int32 {
        if let index = free.popLast() {
            slots[Int(index)] = slot
            return index
        }
        slots.append(slot)
        return Int32(slots.count - 1)
    }

    /// Frees a slot for reuse.
    mutating func remove(_ index: Int32) {
        free.append(index)
    }

    subscript(index: Int32) -> Slot {
        get { slots[Int(index)] }
        _modify { yield &slots[Int(index)] }
    }
}
