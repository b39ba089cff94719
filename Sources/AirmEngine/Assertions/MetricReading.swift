import AirmSpec

/// Reads an `expect` metric from the recorder's aggregates over one window (docs/semantics.md
/// "Metrics"), in the metric's canonical unit.
struct MetricReading: Sendable {
    /// The value, and what it was measured over: "1800 requests", "412 calls".
    struct Value: Sendable {
        var value: Double
        var basis: String
    }

    let recorder: MetricsRecorder

    /// The metric's value in the frame, or why it has none.
    func read(_ ref: MetricRef, frame: Int, window: EvaluationWindow) -> Result<Value, EvaluationWindow.Reason> {
        let experiment = recorder.experiment
        guard let scope = ref.scope, !(experiment.mode == .app && scope == AppUnderTest.scope) else {
            // In `mode: app` the run's requests are the app's answers: `app.x` is the run-wide `x`.
            return requestMetric(ref.metric, frame: frame, stream: nil, window: window)
        }
        if let provider = experiment.providers.firstIndex(where: { $0.name == scope }) {
            return providerMetric(ref.metric, frame: frame, provider: provider, window: window)
        }
        if let stream = experiment.traffic.firstIndex(where: { $0.name == scope }) {
            return requestMetric(ref.metric, frame: frame, stream: stream, window: window)
        }
        return .failure(.init(text: "\(scope) is neither a provider nor a traffic stream"))
    }

    // MARK: - Request scope (run or stream)

    private func requestMetric(_ metric: Metric, frame: Int, stream: Int?, window: EvaluationWindow) -> Result<Value, EvaluationWindow.Reason> {
        let tally = recorder.requests(frame: frame, stream: stream)
        let basis = "\(tally.requests) requests"
        func count(_ n: Int) -> Result<Value, EvaluationWindow.Reason> { .success(Value(value: Double(n), basis: basis)) }
        func share(_ n: Int) -> Result<Value, EvaluationWindow.Reason> {
            guard tally.requests > 0 else { return .failure(Self.noRequests) }
            return .success(Value(value: Double(n) / Double(tally.requests), basis: basis))
        }
        switch metric {
        case .requests: return count(tally.requests)
        case .ok: return count(tally.ok)
        case .fallback: return count(tally.fallback)
        case .degraded: return count(tally.degraded)
        case .failed: return count(tally.failed)
        case .dropped: return count(tally.dropped)
        case .successRate: return share(tally.ok + tally.fallback)
        case .availability: return share(tally.ok + tally.fallback + tally.degraded)
        case .errorRate: return share(tally.failed)
        case .fallbackRate: return share(tally.fallback)
        case .throughput:
            guard tally.requests > 0 else { return .failure(Self.noRequests) }
            guard window.seconds > 0 else { return .failure(.init(text: "the window is empty")) }
            return .success(Value(value: Double(tally.started) / window.seconds, basis: basis))
        case .attemptsPerRequest:
            guard tally.started > 0 else { return .failure(Self.noRequests) }
            return .success(Value(value: Double(tally.attempts) / Double(tally.started), basis: basis))
        case .latency(let percentile):
            let scope = stream.map { recorder.layout.streamLatencyScope($0) } ?? recorder.layout.runLatencyScope()
            return latency(percentile, frame: frame, scope: scope, basis: basis, empty: Self.noRequests)
        case .answeredLatency(let percentile):
            let scope = stream.map { recorder.layout.streamLatencyScope($0) } ?? recorder.layout.runLatencyScope()
            return latency(percentile, frame: frame, scope: recorder.layout.answeredLatencyScope(scope), basis: basis,
                           empty: Self.noAnswers)
        case .calls, .rejected, .successes, .errors:
            let name = stream.map { recorder.experiment.traffic[$0].name }
            return .failure(.init(text: name.map { "\(metric.name) is a provider metric and \($0) is a traffic stream" }
                                  ?? "\(metric.name) needs a provider, e.g. <provider>.\(metric.name)"))
        }
    }

    // MARK: - Provider scope

    private func providerMetric(_ metric: Metric, frame: Int, provider: Int, window: EvaluationWindow) -> Result<Value, EvaluationWindow.Reason> {
        let tally = recorder.provider(provider, frame: frame)
        let basis = "\(tally.calls) calls"
        func count(_ n: Int) -> Result<Value, EvaluationWindow.Reason> { .success(Value(value: Double(n), basis: basis)) }
        func share(_ n: Int) -> Result<Value, EvaluationWindow.Reason> {
            guard tally.calls > 0 else { return .failure(Self.noCalls) }
            return .success(Value(value: Double(n) / Double(tally.calls), basis: basis))
        }
        switch metric {
        case .calls: return count(tally.calls)
        case .rejected: return count(tally.rejected)
        case .successes: return count(tally.successes)
        case .errors(let kind): return count(tally.errors(kind))
        case .successRate: return share(tally.successes)
        case .errorRate: return share(tally.failures)
        case .throughput:
            guard tally.calls > 0 else { return .failure(Self.noCalls) }
            guard window.seconds > 0 else { return .failure(.init(text: "the window is empty")) }
            return .success(Value(value: Double(tally.calls) / window.seconds, basis: basis))
        case .latency(let percentile):
            return latency(percentile, frame: frame, scope: recorder.layout.providerLatencyScope(provider),
                           basis: basis, empty: Self.noCalls)
        case .requests, .ok, .fallback, .degraded, .failed, .dropped, .availability, .fallbackRate, .attemptsPerRequest,
             .answeredLatency:
            let name = recorder.experiment.providers[provider].name
            return .failure(.init(text: "\(metric.name) is not measured per provider (\(name))"))
        }
    }

    // MARK: - Latency

    private func latency(_ percentile: Metric.Percentile, frame: Int, scope: Int, basis: String,
                         empty: EvaluationWindow.Reason) -> Result<Value, EvaluationWindow.Reason> {
        guard let histogram = recorder.latency(frame: frame, scope: scope) else {
            return .failure(.init(text: "no latency histogram was kept for this window"))
        }
        guard !histogram.isEmpty else { return .failure(empty) }
        return .success(Value(value: histogram.milliseconds(percentile), basis: basis))
    }

    static let noRequests = EvaluationWindow.Reason(text: "no requests in window")
    static let noAnswers = EvaluationWindow.Reason(text: "no answered requests in window")
    /// A provider rate over a window with no calls; it keeps the wording "no requests in window" of docs/semantics.md "Metrics".
    static let noCalls = EvaluationWindow.Reason(text: "no requests in window (no calls)")
}
