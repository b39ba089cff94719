import AirmSpec

/// One request's way through the route, as a state machine (docs/semantics.md "Request flow").
///
/// A driver calls `advance(at:)` when the request arrives and when a retry wait ends, and
/// `complete(_:at:)` when an attempt ends. Each returns the next `Step`; after `.rejected` the
/// driver records the rejection and calls `advance(at:)` again at the same instant, since a
/// rejection and moving on to the next provider take no time.
///
/// - A breaker that refuses a call sends the request to the next provider; so does a failure
///   that is not retried or has used up `max_attempts`.
/// - The breaker is asked again before every retry.
/// - The first success ends the request: `ok` on the provider it started on (the route's
///   first, unless it started later), `fallback` on a later one. With every provider
///   exhausted: `degraded` with a static fallback, else `failed`.
/// - The deadline bounds every attempt's time limit; reaching it gives `failed` (kind `timeout`).
public struct RequestFlow: Sendable, Hashable {
    public enum Step: Sendable, Hashable {
        /// The breaker of `provider` refused; call `advance(at:)` again now.
        case rejected(provider: Int, remaining: TimeSpan?)
        /// Start an attempt on `provider` with this time limit, keeping the token for its outcome.
        case attempt(provider: Int, token: CircuitBreaker.Token, limit: TimeSpan)
        /// Wait for a retry; call `advance(at:)` at this time.
        case wait(until: TimeSpan)
        case finished(RequestOutcome)
    }

    public let scheduledAt: TimeSpan
    public let deadlineAt: TimeSpan?
    /// Index into `Router.legs` of the provider the request starts on: a success there is `ok`.
    public let firstLeg: Int
    /// Index into `Router.legs` of the provider being tried.
    public private(set) var leg: Int
    /// Attempts made on the current provider.
    public private(set) var attemptsOnLeg = 0
    /// Attempts let through by breakers, over every provider.
    public private(set) var attempts = 0
    /// For a `failed` request: the kind of its last failure (`timeout` at the deadline).
    public private(set) var failureKind: ErrorKind?

    /// A request that walks the route from `firstLeg` (0: the whole route; `airm serve` starts a
    /// call asking for one provider at that provider's leg).
    public init(scheduledAt: TimeSpan, router: Router, firstLeg: Int = 0) {
        self.scheduledAt = scheduledAt
        deadlineAt = router.deadline.map { scheduledAt + $0 }
        self.firstLeg = firstLeg
        leg = firstLeg
    }

    /// Walks the route from the current provider at `now`.
    public mutating func advance(at now: TimeSpan, router: Router, breakers: inout [CircuitBreaker]) -> Step {
        if let deadlineAt, now >= deadlineAt { return fail(.timeout) }
        guard leg < router.legs.count else { return exhausted(router) }
        let current = router.legs[leg]
        switch breakers[current.provider].permit(at: now) {
        case .granted(let token):
            attempts += 1
            attemptsOnLeg += 1
            var limit = current.timeout
            if let deadlineAt { limit = min(limit, deadlineAt - now) }
            return .attempt(provider: current.provider, token: token, limit: limit)
        case .rejected(let remaining):
            moveOn()
            return .rejected(provider: current.provider, remaining: remaining)
        }
    }

    /// The attempt in flight ended at `now` with `result`. The driver has already given the
    /// outcome to the breaker. `generator` draws retry jitter.
    public mutating func complete(_ result: AttemptResult, retryAfter: TimeSpan?, at now: TimeSpan, router: Router,
                                  breakers: inout [CircuitBreaker], generator: inout SeededGenerator) -> Step {
        guard case .failure(let kind) = result else {
            return .finished(leg == firstLeg ? .ok : .fallback)
        }
        failureKind = kind
        if let deadlineAt, now >= deadlineAt { return fail(.timeout) }
        guard leg < router.legs.count else { return exhausted(router) }
        let decision = router.legs[leg].retrier.decide(after: attemptsOnLeg, failure: kind, retryAfter: retryAfter,
                                                       at: now, deadline: deadlineAt, using: &generator)
        switch decision {
        case .retry(let time):
            return .wait(until: time)
        case .deadline:
            return fail(.timeout)
        case .moveOn:
            moveOn()
            return advance(at: now, router: router, breakers: &breakers)
        }
    }

    // MARK: - Endings

    private mutating func moveOn() {
        leg += 1
        attemptsOnLeg = 0
    }

    private mutating func fail(_ kind: ErrorKind) -> Step {
        failureKind = kind
        return .finished(.failed)
    }

    private func exhausted(_ router: Router) -> Step {
        .finished(router.hasFallback ? .degraded : .failed)
    }
}
