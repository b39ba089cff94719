import AirmEngine
import AirmReports

/// A long run, a hostile one, and a run history.
extension Fixtures {
    // MARK: - One hour at 1000 req/s

    /// 3600 s at 1000 req/s in 600 buckets of 6 s, three providers, three faults and a flapping breaker.
    static var hour: RunResult {
        let bucketMs = 6000.0
        var transitions: [RunResult.Transition] = []
        // The primary flaps while the intermittent fault is active (10m–20m): open 30 s, probe, re-open or close.
        var t = 605_000.0
        var cycle = 0
        while t < 1_200_000 {
            transitions.append(.init(provider: "openai-main", atMs: t, from: .closed, to: .open, reason: "failure rate 62% ≥ 50% over 20 calls"))
            transitions.append(.init(provider: "openai-main", atMs: t + 30_000, from: .open, to: .halfOpen, reason: "open_for 30s elapsed"))
            let closes = cycle % 3 == 2
            transitions.append(.init(provider: "openai-main", atMs: t + 30_400, from: .halfOpen, to: closes ? .closed : .open,
                                     reason: closes ? "2 of 2 probes succeeded" : "probe failed: unavailable"))
            if !closes {
                transitions.append(.init(provider: "openai-main", atMs: t + 60_400, from: .open, to: .halfOpen, reason: "open_for 30s elapsed"))
                transitions.append(.init(provider: "openai-main", atMs: t + 60_800, from: .halfOpen, to: .closed, reason: "2 of 2 probes succeeded"))
            }
            t += 95_000
            cycle += 1
        }
        transitions.append(.init(provider: "gemini", atMs: 1_801_000, from: .closed, to: .open, reason: "5 consecutive failures"))
        transitions.append(.init(provider: "gemini", atMs: 1_831_000, from: .open, to: .halfOpen, reason: "open_for 30s elapsed"))
        transitions.append(.init(provider: "gemini", atMs: 1_831_500, from: .halfOpen, to: .open, reason: "probe failed: rate_limited"))
        transitions.append(.init(provider: "gemini", atMs: 1_891_500, from: .open, to: .halfOpen, reason: "open_for 1m elapsed"))
        transitions.append(.init(provider: "gemini", atMs: 1_892_000, from: .halfOpen, to: .closed, reason: "2 of 2 probes succeeded"))

        var buckets: [Series.Bucket] = []
        for i in 0..<600 {
            let start = Double(i) * bucketMs
            var b = Series.Bucket(startMs: start)
            let intermittent = (600_000..<1_200_000).contains(start)
            let limited = (1_800_000..<2_100_000).contains(start)
            let slow = (2_700_000..<3_000_000).contains(start)
            let total = 6000
            b.dropped = slow ? Int(noise(i, 5) * 120) : 0
            b.failed = intermittent ? Int(noise(i, 6) * 40) : (limited ? Int(noise(i, 6) * 90) : Int(noise(i, 6) * 3))
            b.degraded = limited ? Int(noise(i, 7) * 200) : 0
            b.fallback = intermittent ? 1500 + Int(noise(i, 8) * 1500) : (limited ? 900 : Int(noise(i, 8) * 30))
            b.ok = total - b.dropped - b.failed - b.degraded - b.fallback
            let base = slow ? 1900.0 : (intermittent ? 700 : 420)
            b.latencyMs = .init(p50: base + noise(i, 1) * 50, p95: base * 2.1 + noise(i, 2) * 200, p99: base * 3.2 + noise(i, 3) * 600, max: base * 5)
            var main = Series.Bucket.ProviderCounts()
            main.calls = b.ok + b.fallback / 2
            main.successes = b.ok
            main.rejected = b.fallback / 2
            main.errors = intermittent ? ["unavailable": b.fallback / 2] : [:]
            var gemini = Series.Bucket.ProviderCounts()
            gemini.calls = b.fallback + b.failed
            gemini.successes = b.fallback * 9 / 10
            gemini.errors = limited ? ["rate_limited": b.fallback / 10 + b.failed] : ["server_error": b.fallback / 10]
            var cohere = Series.Bucket.ProviderCounts()
            cohere.calls = b.fallback / 10 + b.degraded
            cohere.successes = b.fallback / 10
            cohere.errors = b.degraded > 0 ? ["timeout": b.degraded] : [:]
            b.providers = ["openai-main": main, "gemini": gemini, "cohere": cohere]
            buckets.append(b)
        }
        let series = Series(bucketMs: bucketMs, buckets: buckets)
        let assertions = (0..<10).map { k in
            RunResult.AssertionResult(name: "assertion \(k): openai-main.latency.p99 < \(k + 2)s", kind: k == 0 ? "steady_state" : "expect",
                                      passed: k != 3, expected: "openai-main.latency.p99 < \(k + 2)s", observed: "openai-main.latency.p99 = 2.9s",
                                      message: k == 3 ? "openai-main.latency.p99 was 2.9s (needs < 5s during long-slow)" : "held")
        }
        let faults = [
            RunResult.FaultWindow(name: "main-flaky", target: "openai-main", type: "intermittent", startMs: 600_000, endMs: 1_200_000),
            RunResult.FaultWindow(name: "gemini-quota", target: "gemini", type: "rate_limit", startMs: 1_800_000, endMs: 2_100_000),
            RunResult.FaultWindow(name: "long-slow", target: "*", type: "latency", startMs: 2_700_000, endMs: 3_000_000),
        ]
        let source = """
        version: 1
        name: steady-load-1h
        duration: 1h
        providers:
          openai-main: { type: openai }
          gemini: { type: gemini }
          cohere: { type: cohere }
        traffic:
          - rate: 1000/s

        """
        return RunResult(
            experiment: .init(name: "steady-load-1h", description: "One hour at 1000 req/s through three providers.",
                              file: "experiments/steady-load-1h.yaml", seed: 7, mode: .simulated, durationMs: 3_600_000),
            airmVersion: "0.1.0", source: source, verdict: .failed, startedAt: "2026-11-28T11:00:00.250Z",
            summary: summary(of: series, latency: .init(p50: 460, p90: 1300, p95: 1700, p99: 3100, max: 9500, mean: 640)),
            providers: providers(of: series, latency: [
                "openai-main": .init(p50: 410, p90: 900, p95: 1200, p99: 2300, max: 8000, mean: 500),
                "gemini": .init(p50: 480, p90: 1000, p95: 1400, p99: 2900, max: 9000, mean: 560),
                "cohere": .init(p50: 620, p90: 1500, p95: 2000, p99: 4200, max: 9500, mean: 760),
            ]),
            transitions: transitions, assertions: assertions, series: series, faults: faults)
    }

    // MARK: - Hostile strings

    /// The outage fixture with markup, control characters and duplicate names in every free-text field.
    static var hostile: RunResult {
        var result = outage
        result.experiment.description = "<script>alert('description')</script> & \"more\""
        result.source = outageSource + "# <script>alert('source')</script>\n# see <a href=\"https://example.com/x\">docs</a>\n"
        result.experiment.file = "experiments/<odd> & \"quoted\".yaml"
        result.assertions[0].name = "<script>alert('assertion')</script>"
        result.assertions[1].message = "bad \u{1B}[31mcolour\u{1B}[0m, nul \u{0}, \u{FFFE} and <tags> & \"quotes\" 'apostrophes'\ttab\nnewline\rreturn"
        result.assertions[2].name = result.assertions[3].name
        result.assertions[4].name = "  " + result.assertions[3].name + "  "
        result.assertions[5].name = ""
        result.transitions[0].reason = "5 consecutive failures \u{7} <b>bold</b> | pipe"
        return result
    }

    // MARK: - History

    /// Twelve earlier runs of the outage experiment, given newest first as a store might.
    static var history: [TrendPoint] {
        (1...12).reversed().map { k in
            let failed = k == 4 || k == 9 || k == 12
            return TrendPoint(runId: Int64(100 + k), startedAt: "2026-11-\(10 + k)T10:00:00Z", verdict: failed ? "failed" : "passed",
                              successRate: failed ? 0.982 + noise(k, 1) * 0.005 : 0.993 + noise(k, 2) * 0.006,
                              p99Ms: 3600 + noise(k, 3) * 900, timeToOpenMs: k == 7 ? nil : (failed ? 6200 : 3100 + noise(k, 4) * 1200),
                              commit: k == 2 ? nil : "a1b2c3d\(k)e5f60718293a4b5c6d7e8f9")
        }
    }
}
