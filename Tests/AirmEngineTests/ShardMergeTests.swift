import AirmSpec
import Histogram
import Testing
@testable import AirmEngine

@Suite("Traffic shards and their merge")
struct ShardMergeTests {
    /// Fixed latencies with two latency faults: every request's latency follows from when it
    /// arrives, so one run and four shards of a quarter of the rate see the same latencies.
    static func steady() -> Experiment {
        Fixtures.experiment(
            duration: .seconds(60), providers: [Fixtures.provider("a", latency: .fixed(.milliseconds(100)))],
            policy: ProviderPolicy(timeout: .seconds(10)),
            traffic: [Fixtures.stream(Fixtures.rate(40))],
            faults: [Fixtures.fault("slow", "a", .latency(delay: .seconds(1), jitter: .zero), at: 20, for: 10),
                     Fixtures.fault("slower", "a", .latency(delay: .seconds(3), jitter: .zero), at: 50, for: 1)])
    }

    /// Random arrivals, latencies and errors, with a fallback provider and retries.
    static func random() -> Experiment {
        Fixtures.experiment(
            duration: .seconds(60),
            providers: [Fixtures.provider("a", latency: .lognormal(median: .milliseconds(300), p99: .seconds(2)), errorRate: 0.05),
                        Fixtures.provider("b", latency: .exponential(mean: .milliseconds(500)))],
            policy: ProviderPolicy(timeout: .seconds(2), retry: RetryPolicy(maxAttempts: 2)),
            traffic: [Fixtures.stream(Fixtures.rate(80, .poisson))], seed: 9)
    }

    static func shards(_ experiment: Experiment, _ count: Int) -> [RunResult] {
        (1...count).map { index in
            Simulation.run(Plan(experiment, choices: .init(trafficShard: Plan.Shard(index: index, count: count))),
                           startedAt: "2026-01-01T00:00:00Z")
        }
    }

    static func merged(_ shards: [RunResult]) throws -> RunResult {
        let inputs = shards.enumerated().map { ShardMerge.Input(path: "shard-\($0.offset + 1).json", result: $0.element) }
        let results = try ShardMerge.merge(inputs).get()
        try #require(results.count == 1)
        return results[0]
    }

    /// Whether two latencies in ms lie in the same bucket of a 3-digit histogram.
    static func equivalent(_ a: Double, _ b: Double) -> Bool {
        let histogram = LatencyHistogram<UInt64>().histogram
        return histogram.valuesAreEquivalent(UInt64((a * 1000).rounded()), UInt64((b * 1000).rounded()))
    }

    // MARK: - Merge

    @Test("four traffic shards merge to the unsplit run's counts and percentiles")
    func fourShardsMatchOneRun() throws {
        let whole = Simulation.run(Plan(Self.steady()), startedAt: "2026-01-01T00:00:00Z")
        let shards = Self.shards(Self.steady(), 4)
        let merged = try Self.merged(shards)
        #expect(shards.allSatisfy { $0.summary.requests == 600 })
        #expect(merged.summary.requests == whole.summary.requests)
        #expect(merged.summary.ok == whole.summary.ok)
        #expect(merged.providers["a"]?.calls == whole.providers["a"]?.calls)
        // The unsplit run's last request ends later, in a bucket of its own with no arrivals.
        #expect(merged.series.buckets.map(\.ok) == whole.series.buckets.prefix(merged.series.buckets.count).map(\.ok))
        let (a, b) = (merged.summary.latencyMs, whole.summary.latencyMs)
        #expect(b.p50 == 100.031 && b.p90 == 1100.799 && b.p99 == 3100, "the faults shape the unsplit run as planned: \(b)")
        for (mergedFigure, wholeFigure) in [(a.p50, b.p50), (a.p90, b.p90), (a.p99, b.p99), (a.max, b.max)] {
            #expect(Self.equivalent(mergedFigure, wholeFigure), "\(mergedFigure) ms and \(wholeFigure) ms")
        }
        #expect(merged.mergedShards == 4 && merged.trafficShard == nil)
        #expect(merged.verdict == .passed)
    }

    @Test("the merged histogram is exactly the histogram of every shard's requests")
    func mergeIsExact() throws {
        let experiment = Self.random()
        var all = LatencyHistogram<UInt64>()
        var requests = 0
        for index in 1...4 {
            var recorder = CollectingRecorder()
            _ = Simulator.run(Plan(experiment, choices: .init(trafficShard: Plan.Shard(index: index, count: 4))), recorder: &recorder)
            requests += recorder.requests.count
            for request in recorder.requests where request.outcome != .dropped {
                all.record(nanoseconds: request.endedAt.nanoseconds - request.scheduledAt.nanoseconds)
            }
        }
        let merged = try Self.merged(Self.shards(experiment, 4))
        let decoded = try HistogramCoding.decode(base64: try #require(merged.histograms?.latency))
        #expect(merged.summary.requests == requests)
        #expect(HistogramCodingTests.buckets(decoded) == HistogramCodingTests.buckets(all.histogram))
        let (m, r) = (merged.summary.latencyMs, all.summary)
        #expect(m.p50 == r.p50 && m.p90 == r.p90 && m.p95 == r.p95 && m.mean == r.mean)
        #expect(Self.equivalent(m.p99, r.p99) && Self.equivalent(m.max, r.max))
    }

    @Test("shards draw from seeds of their own, the same each time")
    func shardSeeds() {
        let shards = Self.shards(Self.random(), 2)
        #expect(shards[0].summary.requests != shards[1].summary.requests)
        #expect(shards[0].experiment.seed == 9 && shards[1].experiment.seed == 9)
        #expect(Self.shards(Self.random(), 2) == shards)
        #expect(shards.map(\.trafficShard) == ["1/2", "2/2"])
    }

    // MARK: - Splitting

    @Test("users, bursts and max_in_flight split so the parts add up", arguments: [(10, 4), (3, 4), (8, 4), (7, 1)])
    func parts(total: Int, count: Int) {
        let parts = (1...count).map { Plan.Shard(index: $0, count: count).part(of: total) }
        #expect(parts.reduce(0, +) == total)
        #expect(parts.max()! - parts.min()! <= 1)
        #expect(parts == parts.sorted(by: >), "the first shards take the remainder")
    }

    @Test("rates are divided by N")
    func rates() {
        let plan = Plan(Self.steady(), choices: .init(trafficShard: Plan.Shard(index: 3, count: 4)))
        #expect(plan.expectedRequests.count == 600)
        #expect(plan.document.trafficShard == "3/4")
        #expect(plan.seed != Plan(Self.steady()).seed && plan.askedSeed == 1)
    }

    // MARK: - Refusals

    @Test("a missing, a duplicated and an unsharded result are each reported with their file")
    func refusals() {
        let shards = Self.shards(Self.steady(), 3)
        let whole = Simulation.run(Plan(Self.steady()), startedAt: "2026-01-01T00:00:00Z")
        func problems(_ results: [(String, RunResult)]) -> [String] {
            switch ShardMerge.merge(results.map { ShardMerge.Input(path: $0.0, result: $0.1) }) {
            case .success: return []
            case .failure(let found): return found.all.map(\.description)
            }
        }
        #expect(problems([("1.json", shards[0]), ("3.json", shards[2])])
            == ["1.json: error: traffic shard 2/3 of 'test' is missing; give all 3 shards' results"])
        #expect(problems([("1.json", shards[0]), ("1b.json", shards[0]), ("2.json", shards[1]), ("3.json", shards[2])])
            == ["1b.json: error: traffic shard 1/3 of 'test' is given twice, here and in 1.json; give each shard once"])
        #expect(problems([("w.json", whole), ("1.json", shards[0])]).first?.hasPrefix("w.json: error: experiment 'test' is also in 1.json") == true)
        var other = shards[1]
        other.experiment.seed = 2
        #expect(problems([("1.json", shards[0]), ("2.json", other), ("3.json", shards[2])])
            == ["2.json: error: 'test' here is not the experiment of 1.json (the seeds differ); merge only the shards of one run"])
        var old = shards[2]
        old.histograms = nil
        #expect(problems([("1.json", shards[0]), ("2.json", shards[1]), ("3.json", old)]).first?.hasPrefix("3.json: error: the result has no histograms") == true)
    }

    @Test("an assertion holds on the merge only when it held on every shard")
    func assertions() throws {
        var shards = Self.shards(Self.steady(), 2)
        let assertion = RunResult.AssertionResult(name: "fast", kind: "expect", passed: true, expected: "latency.p99 < 2s",
                                                  observed: "1.1s", message: "latency.p99 was 1.1s")
        shards[0].assertions = [assertion]
        var failed = assertion
        failed.passed = false
        failed.observed = "3.1s"
        failed.message = "latency.p99 was 3.1s"
        shards[1].assertions = [failed]
        let merged = try Self.merged(shards)
        #expect(merged.verdict == .failed)
        #expect(merged.assertions.map(\.passed) == [false])
        #expect(merged.assertions[0].message == "shard 2/2: latency.p99 was 3.1s")
        #expect(merged.assertions[0].observed == "1/2: 1.1s; 2/2: 3.1s")
    }
}
