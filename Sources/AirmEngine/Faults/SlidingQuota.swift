import AirmSpec

/// A sliding quota: at most `limit` admitted calls in any span of `window`.
///
/// It remembers the times of the last `limit` admitted calls in a ring buffer that grows only
/// as calls arrive, so memory is bounded by the smaller of the limit and the calls made. A
/// refused call learns how long until the quota admits one again.
public struct SlidingQuota: Sendable, Hashable {
    public let limit: Int
    public let window: TimeSpan
    private var stamps: [Int64] = []
    private var head = 0

    /// The most timestamps a quota keeps. A larger written quota is scaled down to this many
    /// calls over a proportionally shorter window, keeping the same rate.
    public static let maximumLimit = 1_000_000

    public init(limit: Int, window: TimeSpan) {
        let limit = max(0, limit)
        if limit > Self.maximumLimit {
            self.limit = Self.maximumLimit
            self.window = window * (Double(Self.maximumLimit) / Double(limit))
        } else {
            self.limit = limit
            self.window = window
        }
    }

    /// A quota for a rate as written: `600/m` is 600 calls over any 60 s, `10/s` 10 calls over any
    /// second.
    ///
    /// When the written count is not a whole number (`0.5/s`), the window is the shortest of
    /// 1 s, 1 m and 1 h over which the rate is whole (`0.5/s` → 30 calls per minute). A rate
    /// that is whole over none of them allows one call per 1/rate.
    public init(rate: Rate) {
        let perSecond = rate.perSecond
        guard perSecond > 0, perSecond.isFinite else {
            self.init(limit: 0, window: rate.per.nanoseconds > 0 ? rate.per : .seconds(1))
            return
        }
        let windows = [rate.per.seconds] + [1.0, 60, 3600].filter { $0 > rate.per.seconds }
        for seconds in windows where seconds > 0 {
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
        if stamps.count < limit {
            stamps.append(now.nanoseconds)
            return nil
        }
        let frees = stamps[head] + window.nanoseconds
        guard frees <= now.nanoseconds else { return TimeSpan(nanoseconds: frees - now.nanoseconds) }
        stamps[head] = now.nanoseconds
        head = (head + 1) % limit
        return nil
    }
}
