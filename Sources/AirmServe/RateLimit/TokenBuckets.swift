import AirmSpec

/// A token bucket per client, in time passed in: each client may send `rate` calls per
/// `rate.per`, in bursts of up to one period's worth (docs/serve.md "Security").
///
/// Memory is bounded: past `maxClients`, the clients whose buckets have refilled are forgotten
/// (a full bucket is the same as a new one); if every bucket is in use the oldest is.
struct TokenBuckets: Sendable {
    private struct Bucket: Sendable {
        var tokens: Double
        var updated: TimeSpan
    }

    let perSecond: Double
    let capacity: Double
    let maxClients: Int
    private var buckets: [String: Bucket] = [:]

    init(rate: Rate, maxClients: Int = 10_000) {
        perSecond = max(rate.perSecond, 1e-9)
        capacity = max(1, (rate.perSecond * rate.per.seconds).rounded(.down))
        self.maxClients = max(1, maxClients)
    }

    /// Takes one token for `client` at `now`: `nil` when the call may go, else how long until
    /// a token is back (the `Retry-After`).
    mutating func take(_ client: String, at now: TimeSpan) -> TimeSpan? {
        var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + max(0, (now - bucket.updated).seconds) * perSecond)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return .seconds((1 - bucket.tokens) / perSecond)
        }
        bucket.tokens -= 1
        if buckets[client] == nil, buckets.count >= maxClients { forget(at: now) }
        buckets[client] = bucket
        return nil
    }

    /// Clients tracked.
    var count: Int { buckets.count }

    private mutating func forget(at now: TimeSpan) {
        let full = buckets.filter { $0.value.tokens + max(0, (now - $0.value.updated).seconds) * perSecond >= capacity }
        for key in full.keys { buckets[key] = nil }
        if buckets.count >= maxClients, let oldest = buckets.min(by: { $0.value.updated < $1.value.updated })?.key {
            buckets[oldest] = nil
        }
    }
}
