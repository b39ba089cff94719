/// One timestamped event of the virtual-time loop.
///
/// Events are ordered by time, then by class (breaker timers, then attempt completions, then
/// retry attempts, then arrivals), then by insertion order. Time, class and sequence number are
/// packed into one 128-bit key, so a comparison is one branch-free integer compare.
struct Event: Comparable, Sendable {
    enum Class: UInt64 {
        case timer = 0, completion, retry, arrival
    }

    /// Time (nanoseconds since the run's start, sign bit flipped) in the high word; class in the
    /// top 4 bits of the low word, insertion sequence number below.
    let key: UInt128
    /// Timer: provider index. Completion, retry: request slot. Arrival: stream index.
    let subject: Int32
    /// Arrival: 1 for a closed-model user's send, 0 for an open-model arrival.
    let detail: Int32

    init(time: Int64, kind: Class, sequence: UInt64, subject: Int32, detail: Int32 = 0) {
        let high = UInt64(bitPattern: time) ^ (1 << 63)
        key = UInt128(high) << 64 | UInt128(kind.rawValue << 60 | sequence)
        self.subject = subject
        self.detail = detail
    }

    /// Nanoseconds since the run's start.
    var time: Int64 { Int64(bitPattern: UInt64(truncatingIfNeeded: key >> 64) ^ (1 << 63)) }

    var kind: Class { Class(rawValue: UInt64(truncatingIfNeeded: key) >> 60) ?? .arrival }

    static func < (lhs: Event, rhs: Event) -> Bool { lhs.key < rhs.key }

    static func == (lhs: Event, rhs: Event) -> Bool { lhs.key == rhs.key }
}
