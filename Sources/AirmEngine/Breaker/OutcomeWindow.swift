import AirmSpec

/// The calls a closed breaker remembers for its rate rules: the last N calls, or the calls
/// recorded within a span of time before now.
///
/// Each entry is one counted outcome (a success, possibly slow, or a failure). The running
/// totals are kept up to date on every add and eviction, so a decision costs O(1).
/// Memory is bounded by N, or by the calls recorded within the time span.
struct OutcomeWindow: Sendable {
    private static let failureFlag: UInt8 = 1
    private static let slowFlag: UInt8 = 2

    let rule: BreakerPolicy.Window
    private var times: [Int64] = []
    private var flags: [UInt8] = []
    private var head = 0
    private(set) var count = 0
    private(set) var failures = 0
    private(set) var slow = 0

    init(_ rule: BreakerPolicy.Window) {
        self.rule = rule
        let capacity: Int
        switch rule {
        case .calls(let n): capacity = max(1, n)
        case .time: capacity = 16
        }
        times = Array(repeating: 0, count: capacity)
        flags = Array(repeating: 0, count: capacity)
    }

    /// Forgets every call: a breaker entering `closed` starts a fresh window.
    mutating func reset() {
        head = 0
        count = 0
        failures = 0
        slow = 0
    }

    /// Adds one counted outcome at `now`, dropping what falls out of the window.
    mutating func add(failure: Bool, slow isSlow: Bool, at now: TimeSpan) {
        switch rule {
        case .calls:
            if count == times.count { evictOldest() }
        case .time(let span):
            expire(before: now - span)
            if count == times.count { grow() }
        }
        var index = head + count
        if index >= times.count { index -= times.count }
        times[index] = now.nanoseconds
        flags[index] = (failure ? OutcomeWindow.failureFlag : 0) | (isSlow ? OutcomeWindow.slowFlag : 0)
        count += 1
        if failure { failures += 1 }
        if isSlow { slow += 1 }
    }

    // MARK: - Storage

    /// Drops entries recorded at or before `cutoff`: the window holds (now − span, now].
    private mutating func expire(before cutoff: TimeSpan) {
        while count > 0, times[head] <= cutoff.nanoseconds { evictOldest() }
    }

    private mutating func evictOldest() {
        let flag = flags[head]
        if flag & OutcomeWindow.failureFlag != 0 { failures -= 1 }
        if flag & OutcomeWindow.slowFlag != 0 { slow -= 1 }
        head += 1
        if head == times.count { head = 0 }
        count -= 1
    }

    private mutating func grow() {
        var newTimes = Array(repeating: Int64(0), count: times.count * 2)
        var newFlags = Array(repeating: UInt8(0), count: times.count * 2)
        for i in 0..<count {
            newTimes[i] = times[(head + i) % times.count]
            newFlags[i] = flags[(head + i) % times.count]
        }
        times = newTimes
        flags = newFlags
        head = 0
    }
}
