import AirmSpec

/// Builds the `RunResult` of a finished run from the experiment and what its recorder aggregated.
///
/// Every number is rounded to 3 decimals, so the same inputs always encode to the same bytes.
public enum RunResultBuilder {
    /// - Parameters:
    ///   - endedAt: when the run was over: `duration`, or later when requests in flight finished after it.
    ///   - finalStates: each breaker's state when the run was over, in `experiment.providers` order.
    ///   - startedAt: ISO 8601 wall-clock time, supplied by the caller (the engine reads no clock).
    ///   - verdictOverride: `error` or `interrupted` when the run did not complete; `nil` derives the
    ///     verdict from the assertions.
    ///   - stop: for a run stopped early, when arrivals stopped and why; assertions not yet settled
    ///     then are "not evaluated".
    public static func build(plan: Plan, recorder: MetricsRecorder, endedAt: TimeSpan,
                             finalStates: [BreakerState], startedAt: String,
                             verdictOverride: RunResult.Verdict? = nil, stop: Stop? = nil) -> RunResult {
        let experiment = plan.experiment
        let assertions = AssertionEvaluator(plan: plan, recorder: recorder, endedAt: endedAt, finalStates: finalStates,
                                            horizon: stop.map { .stopped(at: $0.at) }).evaluate()
        let verdict = verdictOverride ?? (assertions.allSatisfy(\.passed) ? .passed : .failed)
        let info = RunResult.ExperimentInfo(name: experiment.name, description: experiment.description,
                                            file: experiment.file, seed: plan.askedSeed, mode: plan.mode,
                                            durationMs: Rounding.three(experiment.duration.milliseconds))
        return RunResult(experiment: info, airmVersion: Airm.version, source: experiment.source, verdict: verdict,
                         startedAt: startedAt, summary: summary(recorder), providers: providers(experiment, recorder),
                         transitions: recorder.transitions.map(transition), assertions: assertions,
                         series: SeriesBuilder.series(experiment: experiment, recorder: recorder, endedAt: endedAt,
                                                      finalStates: finalStates),
                         faults: faults(plan))
            .stopped(stop)
            .with(histograms: histograms(experiment, recorder), trafficShard: plan.choices.trafficShard)
    }

    /// Where and why a run stopped before its planned end.
    public struct Stop: Sendable, Hashable {
        public var at: TimeSpan
        public var reason: String
        /// True when an `abort_on_fail` assertion stopped the run (verdict `failed`); false for a
        /// signal (verdict `interrupted`).
        public var byAssertion: Bool
        public init(at: TimeSpan, reason: String, byAssertion: Bool = false) {
            self.at = at
            self.reason = reason
            self.byAssertion = byAssertion
        }
    }

    // MARK: - Sections

    static func summary(_ recorder: MetricsRecorder) -> RunResult.Summary {
        let tally = recorder.requests(frame: 0)
        var summary = RunResult.Summary()
        summary.requests = tally.requests
        summary.ok = tally.ok
        summary.fallback = tally.fallback
        summary.degraded = tally.degraded
        summary.failed = tally.failed
        summary.dropped = tally.dropped
        if tally.requests > 0 {
            summary.successRate = Rounding.three(Double(tally.ok + tally.fallback) / Double(tally.requests))
            summary.availability = Rounding.three(Double(tally.ok + tally.fallback + tally.degraded) / Double(tally.requests))
        }
        summary.latencyMs = recorder.latency(frame: 0, scope: recorder.layout.runLatencyScope())?.summary ?? .init()
        let answered = recorder.layout.answeredLatencyScope(recorder.layout.runLatencyScope())
        summary.answeredLatencyMs = recorder.latency(frame: 0, scope: answered)?.summary ?? .init()
        return summary
    }

    static func providers(_ experiment: Experiment, _ recorder: MetricsRecorder) -> [String: RunResult.ProviderSummary] {
        var providers: [String: RunResult.ProviderSummary] = [:]
        for (index, provider) in experiment.providers.enumerated() {
            let tally = recorder.provider(index, frame: 0)
            var summary = RunResult.ProviderSummary()
            summary.calls = tally.calls
            summary.successes = tally.successes
            summary.rejected = tally.rejected
            summary.errors = errors(tally.errors)
            summary.latencyMs = recorder.latency(frame: 0, scope: recorder.layout.providerLatencyScope(index))?.summary ?? .init()
            providers[provider.name] = summary
        }
        return providers
    }

    /// Error counts by kind name, kinds with no failures left out; `counts` in `ErrorKind.allCases` order.
    static func errors(_ counts: [Int]) -> [String: Int] {
        var errors: [String: Int] = [:]
        for (kind, n) in zip(ErrorKind.allCases, counts) where n > 0 { errors[kind.rawValue] = n }
        return errors
    }

    static func transition(_ record: TransitionRecord) -> RunResult.Transition {
        RunResult.Transition(provider: record.provider, atMs: Rounding.three(record.at.milliseconds),
                             from: record.from, to: record.to, reason: record.reason)
    }

    /// Resolved fault windows in file order; a fault whose references do not resolve is left out.
    static func faults(_ plan: Plan) -> [RunResult.FaultWindow] {
        plan.faults.compactMap { fault in
            guard let span = fault.span else { return nil }
            return RunResult.FaultWindow(name: fault.name, target: fault.target.text, type: fault.type,
                                         startMs: Rounding.three(span.start.milliseconds),
                                         endMs: Rounding.three(span.end.milliseconds))
        }
    }
}

extension RunResult {
    /// This result with its histograms and, for a traffic shard, which one it was.
    func with(histograms: Histograms, trafficShard: Plan.Shard?) -> RunResult {
        var copy = self
        copy.histograms = histograms
        copy.trafficShard = trafficShard.map { "\($0.index)/\($0.count)" }
        return copy
    }

    /// This result with the stop point of a run that stopped early, if any.
    func stopped(_ stop: RunResultBuilder.Stop?) -> RunResult {
        guard let stop else { return self }
        var copy = self
        copy.stoppedAtMs = Rounding.three(stop.at.milliseconds)
        copy.stopReason = stop.reason
        return copy
    }
}
