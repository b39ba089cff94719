import AirmSpec

/// A sliding quota: at most `limit` admitted calls in any span of `window`.
///
/// It remembers the times of the last `limit` admitted calls in a ring buffer, so memory is
/// bounded by the limit. A refused call learns how long until the quota admits one again.
public struct SlidingQuota: Sendable, Hashable {
    public let limit: Int
    public let window: TimeSpan
    private var stamps: [Int64]
    private var head = 0
    private var count = 0

    public init(limit: Int, window: TimeSpan) {
        self.limit = max(0, limit)
        self.window = window
        stamps = Array(repeating: 0, count: max(1, limit))
    }

    /// A quota for a rate such as `600/m`.
    ///
    /// A `Rate` is held per second, so the window is chosen as the shortest of 1 s, 1 m and 1 h
    /// over which the rate is a whole number of calls (`600/m` → 10 calls per 1 s, `10/m` →
    /// 10 calls per minute). A rate that is whole over none of them allows one call per 1/rate.
    public init(rate: Rate) {
        let perSecond = rate.perSecond
        guard perSecond > 0, perSecond.isFinite else {
            self.init(limit: 0, window: .seconds(1))
            return
        }
        for seconds in [1.0, 60, 3600] {
            let calls = perSecond * seconds
            if calls >= 1, abs(calls - calls.rounded()) <= 1e-6 * calls {
                self.init(limit: Int(calls.rounded()), window: .seconds(seconds))
                return
            }
        }
        self.init(limit: 1, window: .seconds(1 / perSecond))
    }

    /// Admits a call at `now` and returns `nil`, or refuses it and returns the time until the
    /// quota admits a call.
    public mutating func admit(at now: TimeSpan) -> TimeSpan? {
        guard limit > 0 else { return window }
        if count < limit {
            stamps[(head + count) % limit] = now.nanoseconds
            count += 1
            return nil
        }
        let frees = stamps[head] + window.nanoseconds
        guard frees <= now.nanoseconds else { return TimeSpan(nanoseconds: frees - now.nanoseconds) }
        stamps[head] = now.nanoseconds
        head = (head + 1) % limit
        return nil
    }
}
