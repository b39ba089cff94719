import AirmSpec

/// Request counts of one scope (the run or a stream) over one frame.
struct RequestTally: Sendable, Hashable {
    var ok = 0, fallback = 0, degraded = 0, failed = 0, dropped = 0
    var attempts = 0

    var requests: Int { ok + fallback + degraded + failed + dropped }
    /// Requests that started: every outcome but `dropped`.
    var started: Int { ok + fallback + degraded + failed }
}

/// Attempt counts of one provider over one frame.
struct ProviderTally: Sendable, Hashable {
    var calls = 0, successes = 0, rejected = 0
    /// By `ErrorKind.allCases` order.
    var errors: [Int] = Array(repeating: 0, count: ErrorKind.allCases.count)

    func errors(_ kind: ErrorKind) -> Int { errors[CounterLayout.slot(of: kind)] }
    var failures: Int { errors.reduce(0, +) }
}

// MARK: - Reading the aggregates

extension MetricsRecorder {
    /// Requests of the run (`stream == nil`) or of one stream, in a frame.
    func requests(frame: Int, stream: Int? = nil) -> RequestTally {
        let base = layout.requestBase(frame: frame, scope: stream.map { $0 + 1 } ?? 0)
        return RequestTally(ok: counters[base], fallback: counters[base + 1], degraded: counters[base + 2],
                            failed: counters[base + 3], dropped: counters[base + 4],
                            attempts: counters[base + CounterLayout.attemptsSlot])
    }

    func provider(_ provider: Int, frame: Int) -> ProviderTally {
        let base = layout.providerBase(frame: frame, provider: provider)
        let errors = (0..<ErrorKind.allCases.count).map { counters[base + CounterLayout.errorsSlot + $0] }
        return ProviderTally(calls: counters[base + CounterLayout.callsSlot],
                             successes: counters[base + CounterLayout.successesSlot],
                             rejected: counters[base + CounterLayout.rejectedSlot], errors: errors)
    }

    /// The latency histogram of a scope (`CounterLayout` latency scope) in a frame, when kept.
    func latency(frame: Int, scope: Int) -> LatencyHistogram<UInt64>? {
        let index = histogramIndex[frame * layout.latencyScopes + scope]
        return index >= 0 ? histograms[index] : nil
    }

    /// The frame counting the samples of `span`, when the experiment's windows include it.
    func frame(for span: Timeline.Span) -> Int? { plan.frame(for: span) }
}

// MARK: - Snapshots

extension MetricsRecorder {
    /// Run-wide figures so far, as the result's `summary` reports them (for progress lines and gauges).
    public var summary: RunResult.Summary { RunResultBuilder.summary(self) }

    /// Per-provider figures so far, keyed by provider name, as the result's `providers` reports them.
    public var providerSummaries: [String: RunResult.ProviderSummary] { RunResultBuilder.providers(experiment, self) }
}
