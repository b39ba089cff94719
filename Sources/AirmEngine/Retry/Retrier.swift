import AirmSpec

/// Decides whether a failed attempt is retried on the same provider, and when
/// (docs/semantics.md "Request flow", retries).
///
/// - Only kinds in `retry.on` are retried, up to `max_attempts` attempts per provider.
/// - The wait before attempt i+1 is min(initial × multiplier^(i−1), max); `full` jitter draws it
///   from [0, that], `equal` from [that/2, that].
/// - With `retry_after: honor`, a Retry-After longer than the wait replaces it, capped at 60 s.
/// - A retry that would start at or after the request's deadline ends the request instead.
public struct Retrier: Sendable, Hashable {
    public enum Decision: Sendable, Hashable {
        /// Try the same provider again at this time.
        case retry(at: TimeSpan)
        /// Not retried here: move on to the next provider in the route.
        case moveOn
        /// The wait would reach the request's deadline: the request fails now.
        case deadline
    }

    public let maxAttempts: Int
    public let backoff: RetryPolicy.Backoff
    public let retryOn: ErrorKindSet
    public let honorRetryAfter: Bool

    public init(_ policy: RetryPolicy) {
        maxAttempts = max(1, policy.maxAttempts)
        backoff = policy.backoff
        retryOn = ErrorKindSet(policy.on)
        honorRetryAfter = policy.retryAfter == .honor
    }

    /// The wait before attempt `attempt + 1` without jitter: min(initial × multiplier^(attempt−1), max).
    public func baseWait(after attempt: Int) -> TimeSpan {
        let initial = Double(max(0, backoff.initial.nanoseconds))
        let cap = Double(max(0, backoff.max.nanoseconds))
        var wait = initial
        var i = 1
        while i < attempt, wait < cap {
            wait *= backoff.multiplier
            i += 1
        }
        return TimeSpan(nanoseconds: Int64(min(wait, cap).rounded()))
    }

    /// The wait before attempt `attempt + 1`, jitter drawn from `generator` and Retry-After applied.
    public func wait(after attempt: Int, retryAfter: TimeSpan?, using generator: inout SeededGenerator) -> TimeSpan {
        let base = baseWait(after: attempt)
        var wait: TimeSpan
        switch backoff.jitter {
        case .none:
            wait = base
        case .full:
            wait = TimeSpan(nanoseconds: Int64((Double(base.nanoseconds) * generator.nextUnit()).rounded()))
        case .equal:
            let half = Double(base.nanoseconds) / 2
            wait = TimeSpan(nanoseconds: Int64((half + half * generator.nextUnit()).rounded()))
        }
        if honorRetryAfter, let retryAfter, retryAfter > wait {
            wait = max(wait, min(retryAfter, RetryPolicy.retryAfterCap))
        }
        return wait
    }

    /// What follows the failure of attempt number `attempt` (1-based, on this provider) at `now`.
    public func decide(after attempt: Int, failure kind: ErrorKind, retryAfter: TimeSpan?, at now: TimeSpan,
                       deadline: TimeSpan?, using generator: inout SeededGenerator) -> Decision {
        guard retryOn.contains(kind), attempt < maxAttempts else { return .moveOn }
        let next = now + wait(after: attempt, retryAfter: retryAfter, using: &generator)
        if let deadline, next >= deadline { return .deadline }
        return .retry(at: next)
    }
}
