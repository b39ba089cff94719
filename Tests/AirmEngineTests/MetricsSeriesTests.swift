import AirmSpec
import Testing
@testable import AirmEngine

@Suite("Time series buckets")
struct MetricsSeriesTests {
    /// Run duration and bucket size, in seconds.
    static let sizes: [(Double, Double)] = [
        (10, 1), (180, 1), (600, 1), (601, 2), (1200, 2), (1800, 5), (3600, 10),
        (6 * 3600, 60), (24 * 3600, 300), (30 * 24 * 3600, 7200),
    ]

    @Test("bucket size grows with the run so that it has at most 600 buckets", arguments: sizes)
    func bucketSizing(duration: Double, bucket: Double) {
        let size = BucketSizing.bucket(for: .seconds(duration))
        #expect(size == .seconds(bucket))
        #expect(BucketSizing.count(TimeSpan.seconds(duration).nanoseconds, bucket: size.nanoseconds) <= 600)
    }

    @Test("a 3 minute run has 180 buckets of 1 s; an hour at most 600")
    func plannedBuckets() {
        let short = MetricsRecorder(plan: Plan(MetricsFixtures.experiment()))
        #expect(short.bucket == .seconds(1))
        #expect(short.series.plannedBuckets == 180)
        let hour = MetricsRecorder(plan: Plan(MetricsFixtures.experiment(duration: .seconds(3600))))
        #expect(hour.series.plannedBuckets <= 600)
        #expect(hour.bucket == .seconds(10))
    }

    @Test("memory is fixed when the recorder is made: no growth with the request count")
    func memoryIsFixed() {
        let experiment = MetricsFixtures.experiment(duration: .seconds(3600))
        var recorder = MetricsRecorder(plan: Plan(experiment))
        let histograms = recorder.histogramCount
        let counters = recorder.counters.count
        let seriesCounters = recorder.series.counts.count
        let capacity = recorder.bucketCapacity
        for i in 0..<50_000 {
            let t = Double(i) * 0.072
            recorder.record(MetricsFixtures.request(i % 2, at: t, latency: 0.05 + Double(i % 100) / 100))
            recorder.record(MetricsFixtures.attempt(i % 2, at: t, latency: 0.05))
        }
        #expect(recorder.histogramCount == histograms)
        #expect(recorder.counters.count == counters)
        #expect(recorder.series.counts.count == seriesCounters)
        #expect(recorder.bucketCapacity == capacity)
        #expect(recorder.transitions.isEmpty)
        let series = SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: experiment.duration,
                                          finalStates: [.closed, .closed])
        #expect(series.buckets.count == 360)
        #expect(series.buckets.map { $0.ok }.reduce(0, +) == 50_000)
    }

    @Test("buckets count requests by scheduled arrival, attempts by start, with latency figures")
    func bucketContents() throws {
        let experiment = MetricsFixtures.experiment()
        let recorder = MetricsFixtures.recorder(experiment) { r in
            r.record(MetricsFixtures.request(at: 0.5, latency: 0.1, .ok))
            r.record(MetricsFixtures.request(at: 0.6, latency: 0.3, .fallback))
            r.record(MetricsFixtures.request(at: 0.7, .dropped))
            // Scheduled in bucket 1, finished in bucket 4.
            r.record(MetricsFixtures.request(at: 1.2, latency: 3, .failed))
            r.record(MetricsFixtures.attempt(at: 0.9, latency: 2, .failure(.timeout)))
            r.record(MetricsFixtures.attempt(MetricsFixtures.cohere, at: 1.5, latency: 0.2))
            r.recordRejection(provider: MetricsFixtures.gemini, at: .seconds(1.1))
        }
        let series = SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: experiment.duration,
                                          finalStates: [.closed, .closed])
        #expect(series.bucketMs == 1000)
        #expect(series.buckets.count == 180)
        let first = series.buckets[0]
        #expect((first.ok, first.fallback, first.dropped, first.failed) == (1, 1, 1, 0))
        #expect(abs(first.latencyMs.max - 300) < 0.5)
        #expect(abs(first.latencyMs.p50 - 100) < 1)  // bucket histograms keep 2 digits
        #expect(first.providers["gemini"]?.calls == 1)
        #expect(first.providers["gemini"]?.errors == ["timeout": 1])
        let second = series.buckets[1]
        #expect(second.failed == 1)
        #expect(abs(second.latencyMs.p99 - 3000) < 30)
        #expect(second.providers["gemini"]?.rejected == 1)
        #expect(second.providers["cohere"]?.successes == 1)
        #expect(second.providers["cohere"]?.errors == [:])
        #expect(series.buckets[2].latencyMs == Series.BucketLatency())
    }

    @Test("a request later than the ring still counts and raises its bucket's max")
    func lateRequest() {
        let experiment = MetricsFixtures.experiment()
        let recorder = MetricsFixtures.recorder(experiment) { r in
            r.record(MetricsFixtures.request(at: 0.5, latency: 0.1))
            // Far later buckets take over every ring slot, closing bucket 0.
            for second in 1...40 { r.record(MetricsFixtures.request(at: Double(second), latency: 0.1)) }
            r.record(MetricsFixtures.request(at: 0.9, latency: 60))
        }
        let series = SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: experiment.duration,
                                          finalStates: [.closed, .closed])
        #expect(series.buckets[0].ok == 2)
        #expect(series.buckets[0].latencyMs.max == 60_000)
        #expect(abs(series.buckets[0].latencyMs.p50 - 100) < 1)
    }

    @Test("each bucket carries every breaker's state at its end")
    func statesPerBucket() {
        let experiment = MetricsFixtures.experiment()
        let recorder = MetricsFixtures.recorder(experiment, transitions: MetricsFixtures.outageTransitions)
        let series = SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: experiment.duration,
                                          finalStates: [.closed, .closed])
        let states = series.buckets.map { $0.providers["gemini"]?.state ?? "?" }
        #expect(states[30] == "closed")
        #expect(states[31] == "closed")  // [31s, 32s): the transition at 32s belongs to the next bucket
        #expect(states[32] == "open")
        #expect(states[61] == "open")
        #expect(states[62] == "half_open")
        #expect(states[63] == "closed")
        #expect(Set(series.buckets.map { $0.providers["cohere"]?.state ?? "?" }) == ["closed"])
    }

    @Test("a run that overruns its duration gets extra buckets, bounded")
    func overrun() {
        let experiment = MetricsFixtures.experiment()
        let recorder = MetricsFixtures.recorder(experiment) { r in
            r.record(MetricsFixtures.attempt(at: 185))
            r.record(MetricsFixtures.attempt(at: 100_000))
        }
        let series = SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: .seconds(190),
                                          finalStates: [.closed, .closed])
        #expect(series.buckets.count == recorder.bucketCapacity)
        #expect(series.buckets.count > 190)
        #expect(series.buckets[185].providers["gemini"]?.calls == 1)
        #expect(series.buckets.last?.providers["gemini"]?.calls == 1)
    }
}
