import AirmSpec

/// Chooses the time series' bucket size: 1 s, growing through round sizes so that a run of the
/// experiment's duration has at most `maxBuckets` buckets (docs/architecture.md "Principles").
enum BucketSizing {
    static let maxBuckets = 600

    /// Round bucket sizes in seconds; beyond the last, sizes double.
    static let steps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]

    /// The bucket size for a run of `duration`.
    static func bucket(for duration: TimeSpan) -> TimeSpan {
        let total = max(duration.nanoseconds, 0)
        let second: Int64 = 1_000_000_000
        var size = steps[0]
        var index = 0
        while count(total, bucket: size * second) > Int64(maxBuckets) {
            index += 1
            size = index < steps.count ? steps[index] : size * 2
        }
        return TimeSpan(nanoseconds: size * second)
    }

    /// Buckets needed to cover `total` nanoseconds, at least one.
    static func count(_ total: Int64, bucket: Int64) -> Int64 {
        max(1, (total + bucket - 1) / bucket)
    }

    /// How long after its end a bucket may still receive a request: the longest a request can take.
    ///
    /// Attempts are bounded by their timeout and waits by the backoff cap (or the Retry-After cap when
    /// honoured); the deadline, when set, bounds the whole request.
    static func drainHorizon(of experiment: Experiment) -> TimeSpan {
        let policy = experiment.policy
        var total = TimeSpan.zero
        for name in policy.route {
            let settings = policy.settings(for: name)
            let attempts = max(settings.retry.maxAttempts, 1)
            var wait = settings.retry.backoff.max
            if settings.retry.retryAfter == .honor { wait = max(wait, RetryPolicy.retryAfterCap) }
            total += settings.timeout * Double(attempts) + wait * Double(attempts - 1)
        }
        if let deadline = policy.deadline { total = min(total, deadline) }
        return total
    }
}
