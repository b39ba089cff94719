import AirmSpec
import Synchronization

/// The `/ai` rate limit of a running server: `TokenBuckets` on the wall clock.
///
/// A lock rather than an actor: taking a token is a few arithmetic steps, so a call takes it on
/// its own thread instead of hopping to another executor and back.
final class ClientRateLimiter: Sendable {
    private let buckets: Mutex<TokenBuckets>
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    init(rate: Rate) {
        buckets = Mutex(TokenBuckets(rate: rate))
        origin = clock.now
    }

    /// `nil` when `client` may call now, else how long it must wait.
    func take(_ client: String) -> TimeSpan? {
        buckets.withLock { $0.take(client, at: TimeSpan(clock.now - origin)) }
    }
}
