import AirmSpec

/// Turns the recorder's streamed time series into the result's `series`, with each breaker's
/// state at every bucket's end taken from the transitions.
enum SeriesBuilder {
    static func series(experiment: Experiment, recorder: MetricsRecorder, endedAt: TimeSpan,
                       finalStates: [BreakerState]) -> Series {
        let track = recorder.series
        let count = track.reportedBuckets(endedAt: endedAt)
        let names = experiment.providers.map(\.name)
        var states = names.indices.map { index in
            BreakerHistory(provider: names[index], transitions: recorder.transitions,
                           final: index < finalStates.count ? finalStates[index] : nil)
        }.map { StateCursor(history: $0) }

        var buckets: [Series.Bucket] = []
        buckets.reserveCapacity(count)
        for b in 0..<count {
            let start = Int64(b) * track.bucketNanoseconds
            let end = TimeSpan(nanoseconds: start + track.bucketNanoseconds)
            var bucket = Series.Bucket(startMs: Rounding.three(TimeSpan(nanoseconds: start).milliseconds))
            bucket.ok = track.counter(bucket: b, slot: 0)
            bucket.fallback = track.counter(bucket: b, slot: 1)
            bucket.degraded = track.counter(bucket: b, slot: 2)
            bucket.failed = track.counter(bucket: b, slot: 3)
            bucket.dropped = track.counter(bucket: b, slot: 4)
            let latency = track.latency(of: b)
            bucket.latencyMs = Series.BucketLatency(p50: Rounding.three(latency.p50), p95: Rounding.three(latency.p95),
                                                    p99: Rounding.three(latency.p99), max: Rounding.three(latency.max))
            for (p, name) in names.enumerated() {
                var counts = Series.Bucket.ProviderCounts()
                counts.calls = track.providerCounter(bucket: b, provider: p, slot: CounterLayout.callsSlot)
                counts.successes = track.providerCounter(bucket: b, provider: p, slot: CounterLayout.successesSlot)
                counts.rejected = track.providerCounter(bucket: b, provider: p, slot: CounterLayout.rejectedSlot)
                counts.errors = RunResultBuilder.errors(ErrorKind.allCases.indices.map {
                    track.providerCounter(bucket: b, provider: p, slot: CounterLayout.errorsSlot + $0)
                })
                counts.state = states[p].state(before: end).rawValue
                bucket.providers[name] = counts
            }
            buckets.append(bucket)
        }
        return Series(bucketMs: Rounding.three(TimeSpan(nanoseconds: track.bucketNanoseconds).milliseconds), buckets: buckets)
    }

    /// Walks one breaker's transitions forward as bucket ends advance.
    struct StateCursor {
        let history: BreakerHistory
        var next = 0
        var current: BreakerState

        init(history: BreakerHistory) {
            self.history = history
            current = history.initial
        }

        /// The state in force at `time`, after every transition strictly before it; `time` never decreases.
        mutating func state(before time: TimeSpan) -> BreakerState {
            while next < history.transitions.count, history.transitions[next].at < time {
                current = history.transitions[next].to
                next += 1
            }
            return current
        }
    }
}
