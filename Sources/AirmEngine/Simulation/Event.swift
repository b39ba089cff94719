/// One timestamped event of the virtual-time loop.
///
/// Events are ordered by time, then by class (breaker timers, then attempt completions, then
/// retry attempts, then arrivals), then by insertion order. The class and the insertion
/// sequence number are packed into one word so a comparison is two integer compares.
struct Event: Comparable, Sendable {
    enum Class: UInt64 {
        case timer = 0, completion, retry, arrival
    }

    /// Nanoseconds since the run's start.
    let time: Int64
    /// Class in the top 4 bits, insertion sequence number below.
    let order: UInt64
    /// Timer: provider index. Completion, retry: request slot. Arrival: stream index.
    let subject: Int32
    /// Arrival: 1 for a closed-model user's send, 0 for an open-model arrival.
    let detail: Int32

    init(time: Int64, kind: Class, sequence: UInt64, subject: Int32, detail: Int32 = 0) {
        self.time = time
        order = kind.rawValue << 60 | sequence
        self.subject = subject
        self.detail = detail
    }

    var kind: Class { Class(rawValue: order >> 60) ?? .arrival }

    static func < (lhs: Event, rhs: Event) -> Bool {
        lhs.time != rhs.time ? lhs.time < rhs.time : lhs.order < rhs.order
    }

    static func == (lhs: Event, rhs: Event) -> Bool {
        lhs.time == rhs.time && lhs.order == rhs.order
    }
}
