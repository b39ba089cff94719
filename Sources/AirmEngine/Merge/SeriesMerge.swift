/// Joins the time series of N traffic shards bucket by bucket (docs/result-format.md "series").
///
/// Counts are summed. A bucket keeps no histogram, so its latency figures cannot be joined
/// exactly: each is the largest of the shards' (an upper bound of the joined figure). A
/// provider's state is the least available any shard's breaker was in: open, then half-open, then
/// closed.
enum SeriesMerge {
    static func merge(_ parts: [Series]) -> Series {
        guard let first = parts.first else { return Series(bucketMs: 0, buckets: []) }
        var buckets: [Double: Series.Bucket] = [:]
        for part in parts {
            for bucket in part.buckets {
                buckets[bucket.startMs] = buckets[bucket.startMs].map { add(bucket, to: $0) } ?? bucket
            }
        }
        return Series(bucketMs: first.bucketMs, buckets: buckets.keys.sorted().compactMap { buckets[$0] })
    }

    static func add(_ bucket: Series.Bucket, to total: Series.Bucket) -> Series.Bucket {
        var sum = total
        sum.ok += bucket.ok
        sum.fallback += bucket.fallback
        sum.degraded += bucket.degraded
        sum.failed += bucket.failed
        sum.dropped += bucket.dropped
        sum.latencyMs = Series.BucketLatency(p50: max(sum.latencyMs.p50, bucket.latencyMs.p50),
                                             p95: max(sum.latencyMs.p95, bucket.latencyMs.p95),
                                             p99: max(sum.latencyMs.p99, bucket.latencyMs.p99),
                                             max: max(sum.latencyMs.max, bucket.latencyMs.max))
        for (name, counts) in bucket.providers {
            var provider = sum.providers[name] ?? Series.Bucket.ProviderCounts()
            let fresh = sum.providers[name] == nil
            provider.calls += counts.calls
            provider.successes += counts.successes
            provider.rejected += counts.rejected
            provider.errors.merge(counts.errors, uniquingKeysWith: +)
            provider.state = fresh ? counts.state : worse(provider.state, counts.state)
            sum.providers[name] = provider
        }
        return sum
    }

    /// Of two breaker states as the series writes them, the one letting fewer calls through.
    static func worse(_ a: String, _ b: String) -> String {
        let rank = ["closed": 0, "half_open": 1, "open": 2, "forced_open": 3]
        return (rank[b] ?? 0) > (rank[a] ?? 0) ? b : a
    }
}
