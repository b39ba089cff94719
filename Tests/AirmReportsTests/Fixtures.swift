import AirmEngine

/// Hand-built results standing in for the engine's output.
enum Fixtures {
    // MARK: - Noise

    /// A deterministic value in [0, 1) for bucket `i` and channel `k`.
    static func noise(_ i: Int, _ k: Int) -> Double {
        var x = UInt64(truncatingIfNeeded: i &* 2_654_435_761 &+ k &* 40_503 &+ 12345)
        x ^= x >> 13
        x = x &* 0x5bd1_e995
        x ^= x >> 15
        return Double(x % 10_000) / 10_000
    }

    // MARK: - Gemini outage, 3 minutes

    static let outageSource = """
    version: 1
    name: gemini-outage
    description: A 30 s Gemini outage must open its breaker fast while Cohere keeps users served.
    seed: 42
    duration: 3m

    providers:
      gemini:
        type: gemini
        simulate: { latency: { median: 450ms, p99: 2s }, error_rate: 0.5% }
      cohere:
        type: cohere
        simulate: { latency: { median: 600ms, p99: 3s } }

    policy:
      route: [gemini, cohere]
      timeout: 5s
      retry: { max_attempts: 2, backoff: { initial: 200ms, multiplier: 2, jitter: full } }
      breaker: { consecutive_failures: 5, open_for: 30s, half_open: { probes: 2, close_after: 2 } }

    traffic:
      - name: chat
        rate: 20/s

    faults:
      - name: gemini-outage
        target: gemini
        type: unavailable
        at: 30s
        for: 30s
        probability: 60%
      - name: cohere-slow
        target: cohere
        type: latency
        delay: 2s
        at: gemini-outage.start + 10s
        for: 20s

    steady_state:
      expect: [ "success_rate >= 99%" ]

    assertions:
      - breaker: gemini
        opens: { after: gemini-outage.start, within: 5s }
      - breaker: gemini
        closes: { after: gemini-outage.end, within: 45s }
      - breaker: gemini
        sequence: [closed, open, half_open, closed]
      - breaker: cohere
        never: open
      - expect: success_rate >= 99%
        during: gemini-outage

    """

    static var outage: RunResult {
        let transitions = [
            RunResult.Transition(provider: "gemini", atMs: 36_200, from: .closed, to: .open, reason: "5 consecutive failures"),
            RunResult.Transition(provider: "gemini", atMs: 66_200, from: .open, to: .halfOpen, reason: "open_for 30s elapsed"),
            RunResult.Transition(provider: "gemini", atMs: 66_300, from: .halfOpen, to: .closed, reason: "2 of 2 probes succeeded"),
        ]
        var buckets: [Series.Bucket] = []
        for i in 0..<180 {
            var b = Series.Bucket(startMs: Double(i) * 1000)
            var gemini = Series.Bucket.ProviderCounts()
            var cohere = Series.Bucket.ProviderCounts()
            let slow = (40..<60).contains(i)
            switch i {
            case 30..<36:
                b.ok = 7 + Int(noise(i, 1) * 5)
                b.fallback = 20 - b.ok
                gemini.calls = b.ok + b.fallback * 2
                gemini.successes = b.ok
                gemini.errors = ["unavailable": b.fallback * 2]
                b.latencyMs = .init(p50: 610 + noise(i, 2) * 60, p95: 1400 + noise(i, 3) * 200, p99: 2100 + noise(i, 4) * 300, max: 2700)
            case 36:
                b.ok = 3
                b.fallback = 17
                gemini.calls = 9
                gemini.successes = 3
                gemini.errors = ["unavailable": 6]
                gemini.rejected = 14
                b.latencyMs = .init(p50: 640, p95: 1450, p99: 2200, max: 2600)
            case 37..<66:
                b.failed = [44, 51, 57].contains(i) ? 1 : 0
                b.fallback = 20 - b.failed
                gemini.rejected = 20
                b.latencyMs = slow
                    ? .init(p50: 2650 + noise(i, 2) * 150, p95: 3500 + noise(i, 3) * 250, p99: 4300 + noise(i, 4) * 500, max: 5000)
                    : .init(p50: 630 + noise(i, 2) * 60, p95: 1450 + noise(i, 3) * 200, p99: 2500 + noise(i, 4) * 400, max: 3100)
            case 66:
                b.ok = 14
                b.fallback = 6
                gemini.calls = 14
                gemini.successes = 14
                gemini.rejected = 6
                b.latencyMs = .init(p50: 480, p95: 1100, p99: 1700, max: 2000)
            default:
                b.fallback = noise(i, 1) < 0.12 ? 1 : 0
                b.ok = 20 - b.fallback
                gemini.calls = 20 + b.fallback
                gemini.successes = b.ok
                if b.fallback > 0 { gemini.errors = ["server_error": b.fallback * 2] }
                b.latencyMs = .init(p50: 430 + noise(i, 2) * 40, p95: 880 + noise(i, 3) * 150, p99: 1450 + noise(i, 4) * 400, max: 2100)
            }
            cohere.calls = b.fallback + b.failed
            cohere.successes = b.fallback
            if b.failed > 0 { cohere.errors = ["timeout": b.failed] }
            gemini.state = (36..<66).contains(i) ? "open" : "closed"
            b.providers = ["gemini": gemini, "cohere": cohere]
            buckets.append(b)
        }
        let series = Series(bucketMs: 1000, buckets: buckets)
        let assertions = [
            RunResult.AssertionResult(name: "steady state before the first fault: success_rate >= 99%", kind: "steady_state", passed: true,
                                      expected: "success_rate >= 99%", observed: "success_rate = 99.67%", message: "success_rate was 99.67% (>= 99%)"),
            RunResult.AssertionResult(name: "gemini opens within 5s after gemini-outage.start", kind: "opens", passed: false,
                                      expected: "open between 30s and 35s", observed: "opened at 36.2s",
                                      message: "gemini opened at 36.2s, 6.2s after gemini-outage.start (limit 5s)"),
            RunResult.AssertionResult(name: "gemini closes within 45s after gemini-outage.end", kind: "closes", passed: true,
                                      expected: "closed between 60s and 1m45s", observed: "closed at 66.3s",
                                      message: "gemini closed at 66.3s, 6.3s after gemini-outage.end"),
            RunResult.AssertionResult(name: "gemini sequence closed → open → half_open → closed", kind: "sequence", passed: true,
                                      expected: "closed → open → half_open → closed", observed: "closed → open → half_open → closed",
                                      message: "gemini visited closed → open → half_open → closed"),
            RunResult.AssertionResult(name: "cohere never open", kind: "never", passed: true,
                                      expected: "never open", observed: "cohere stayed closed", message: "cohere never entered open"),
            RunResult.AssertionResult(name: "success_rate >= 99% during gemini-outage", kind: "expect", passed: true,
                                      expected: "success_rate >= 99%", observed: "success_rate = 99.5%", message: "success_rate was 99.5% (>= 99%)"),
        ]
        let faults = [
            RunResult.FaultWindow(name: "gemini-outage", target: "gemini", type: "unavailable", startMs: 30_000, endMs: 60_000),
            RunResult.FaultWindow(name: "cohere-slow", target: "cohere", type: "latency", startMs: 40_000, endMs: 60_000),
        ]
        return RunResult(
            experiment: .init(name: "gemini-outage", description: "A 30 s Gemini outage must open its breaker fast while Cohere keeps users served.",
                              file: "experiments/gemini-outage.yaml", seed: 42, mode: .simulated, durationMs: 180_000),
            airmVersion: "0.1.0", source: outageSource, verdict: .failed, startedAt: "2026-11-28T10:00:00Z",
            summary: summary(of: series, latency: .init(p50: 520, p90: 1900, p95: 2500, p99: 4100, max: 5200, mean: 830)),
            providers: providers(of: series, latency: [
                "gemini": .init(p50: 440, p90: 800, p95: 920, p99: 1600, max: 2100, mean: 505),
                "cohere": .init(p50: 640, p90: 2900, p95: 3400, p99: 4300, max: 5000, mean: 1350),
            ]),
            transitions: transitions, assertions: assertions, series: series, faults: faults)
    }

    // MARK: - Totals

    /// Run totals summed from the buckets.
    static func summary(of series: Series, latency: RunResult.Latency) -> RunResult.Summary {
        var s = RunResult.Summary()
        for b in series.buckets {
            s.ok += b.ok
            s.fallback += b.fallback
            s.degraded += b.degraded
            s.failed += b.failed
            s.dropped += b.dropped
        }
        s.requests = s.ok + s.fallback + s.degraded + s.failed + s.dropped
        s.successRate = s.requests > 0 ? Double(s.ok + s.fallback) / Double(s.requests) : 0
        s.availability = s.requests > 0 ? Double(s.ok + s.fallback + s.degraded) / Double(s.requests) : 0
        s.latencyMs = latency
        return s
    }

    /// Provider totals summed from the buckets.
    static func providers(of series: Series, latency: [String: RunResult.Latency]) -> [String: RunResult.ProviderSummary] {
        var out: [String: RunResult.ProviderSummary] = [:]
        for b in series.buckets {
            for (name, counts) in b.providers {
                var p = out[name, default: RunResult.ProviderSummary()]
                p.calls += counts.calls
                p.successes += counts.successes
                p.rejected += counts.rejected
                for (kind, n) in counts.errors { p.errors[kind, default: 0] += n }
                out[name] = p
            }
        }
        for (name, value) in latency { out[name]?.latencyMs = value }
        return out
    }
}
