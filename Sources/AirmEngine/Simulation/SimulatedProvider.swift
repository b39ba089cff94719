import AirmSpec
import HeapModule

/// The model of one simulated provider (docs/semantics.md "Simulated providers").
///
/// - Each call's service time is drawn from the provider's latency distribution.
/// - A call fails with 503 (`unavailable`) at `error_rate`, after its service time.
/// - `rate_limit` is a sliding quota: calls over it get 429 (`rate_limited`) at once, with
///   Retry-After the time until the quota admits a call. Refused calls do not use the quota.
/// - `capacity` servers work in parallel; calls beyond them wait in a FIFO queue, so overload
///   shows up as latency. A call that its client gave up on still occupies its server.
///
/// A call the quota admits takes a latency draw from the provider's stream, then an error draw
/// when `error_rate` is above zero; a refused call takes none. Memory is bounded by the quota's
/// limit and the capacity.
public struct SimulatedProvider: Sendable {
    /// The provider's answer to one call, measured from the moment it was sent.
    public struct Answer: Sendable, Hashable {
        public var latency: TimeSpan
        /// `nil` for a success.
        public var error: ErrorKind?
        public var retryAfter: TimeSpan?

        public init(latency: TimeSpan, error: ErrorKind? = nil, retryAfter: TimeSpan? = nil) {
            self.latency = latency
            self.error = error
            self.retryAfter = retryAfter
        }
    }

    public let sampler: LatencySampler
    public let errorRate: Double
    public let capacity: Int?
    private var quota: SlidingQuota?
    /// When each busy server becomes free, for `capacity`.
    private var busyUntil = Heap<Int64>()
    private var generator: SeededGenerator

    public init(_ behavior: SimulatedBehavior, generator: SeededGenerator) {
        sampler = LatencySampler(behavior.latency)
        errorRate = behavior.errorRate.fraction
        capacity = behavior.capacity.map { max(1, $0) }
        quota = behavior.rateLimit.map(SlidingQuota.init(rate:))
        self.generator = generator
    }

    /// A call sent at `now`.
    public mutating func call(at now: TimeSpan) -> Answer {
        if quota != nil, let wait = quota?.admit(at: now) {
            return Answer(latency: .zero, error: .rateLimited, retryAfter: wait)
        }
        let service = sampler.sampleNanoseconds(using: &generator)
        let failed = errorRate > 0 && generator.nextUnit() < errorRate
        var latency = service
        if let capacity {
            let t = now.nanoseconds
            if busyUntil.count < capacity {
                busyUntil.insert(t + service)
            } else if let free = busyUntil.min {
                let begins = max(t, free)
                _ = busyUntil.replaceMin(with: begins + service)
                latency = begins + service - t
            }
        }
        return Answer(latency: TimeSpan(nanoseconds: latency), error: failed ? .unavailable : nil)
    }
}
