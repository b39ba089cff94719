import AirmSpec

/// The `/ai` rate limit of a running server: `TokenBuckets` on the wall clock.
actor ClientRateLimiter {
    private var buckets: TokenBuckets
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    init(rate: Rate) {
        buckets = TokenBuckets(rate: rate)
        origin = clock.now
    }

    /// `nil` when `client` may call now, else how long it must wait.
    func take(_ client: String) -> TimeSpan? {
        buckets.take(client, at: TimeSpan(clock.now - origin))
    }
}
