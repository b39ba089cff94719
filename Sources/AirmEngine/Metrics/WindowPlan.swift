import AirmSpec

/// The spans of the run that need their own counters, known when the experiment is loaded:
/// every window an `expect` or a `steady_state` expectation looks at.
///
/// A span whose end reaches the run's `duration` is open-ended for samples, so requests finishing
/// and attempts starting while the run drains still count in it, as they do in the summary.
struct WindowPlan: Sendable {
    /// One window frame: samples at `start <= t < end` (nanoseconds) count in it.
    struct Frame: Sendable, Hashable {
        var start: Int64
        var end: Int64
    }

    /// Frames 1…; frame 0 is the whole run and is not listed.
    private(set) var frames: [Frame] = []
    /// Latency scopes each frame needs a histogram for, by frame number (frame 0 needs them all).
    private(set) var latencyScopes: [Set<Int>] = [[]]
    let duration: TimeSpan

    init(plan: Plan, layout: CounterLayout) {
        let experiment = plan.experiment
        duration = experiment.duration
        for (assertion, window) in zip(experiment.assertions, plan.assertionWindows) {
            guard case .expect(let expectation) = assertion.check, let span = window else { continue }
            add(span, expectation: expectation, experiment: experiment, layout: layout)
        }
        if let steady = experiment.steadyState, let windows = plan.steadyWindows {
            for expectation in steady.expect {
                add(windows.before, expectation: expectation, experiment: experiment, layout: layout)
                add(windows.after, expectation: expectation, experiment: experiment, layout: layout)
            }
        }
    }

    // MARK: - Lookup

    /// The frame that counts the samples of `span`: 0 when it covers the whole run.
    func frame(for span: Timeline.Span) -> Int? {
        let key = Self.key(span, duration: duration)
        if key.start <= 0 && key.end == .max { return 0 }
        return frames.firstIndex(of: key).map { $0 + 1 }
    }

    static func key(_ span: Timeline.Span, duration: TimeSpan) -> Frame {
        let start = max(span.start.nanoseconds, 0)
        let end = span.end >= duration ? Int64.max : span.end.nanoseconds
        return Frame(start: start, end: end)
    }

    // MARK: - Building

    private mutating func add(_ span: Timeline.Span, expectation: Expectation, experiment: Experiment, layout: CounterLayout) {
        let index: Int
        if let known = frame(for: span) {
            index = known
        } else {
            frames.append(Self.key(span, duration: duration))
            latencyScopes.append([])
            index = frames.count
        }
        guard index > 0, let scope = Self.latencyScope(of: expectation.metric, experiment: experiment, layout: layout) else { return }
        switch expectation.metric.metric {
        case .latency: latencyScopes[index].insert(scope)
        case .answeredLatency: latencyScopes[index].insert(layout.answeredLatencyScope(scope))
        default: return
        }
    }

    /// The latency scope an expectation's metric reads, or `nil` for an unknown scope.
    static func latencyScope(of metric: MetricRef, experiment: Experiment, layout: CounterLayout) -> Int? {
        guard let scope = metric.scope else { return layout.runLatencyScope() }
        if let provider = experiment.providers.firstIndex(where: { $0.name == scope }) {
            return layout.providerLatencyScope(provider)
        }
        if let stream = experiment.traffic.firstIndex(where: { $0.name == scope }) {
            return layout.streamLatencyScope(stream)
        }
        return nil
    }
}

/// The two spans a `steady_state` is checked over: before the first fault, and after recovery.
public struct SteadyWindows: Sendable {
    /// [0, first fault start); the whole run when there are no faults.
    public var before: Timeline.Span
    /// [last fault end + settle, end).
    public var after: Timeline.Span

    init(timeline: Timeline, settle: TimeSpan) {
        let spans = timeline.faults.values
        let firstStart = spans.map(\.start).min() ?? timeline.duration
        let lastEnd = spans.map(\.end).max() ?? .zero
        before = Timeline.Span(start: .zero, end: firstStart)
        after = Timeline.Span(start: lastEnd + settle, end: timeline.duration)
    }
}
