import AirmSpec
@testable import AirmEngine

/// Experiments and samples shared by the metrics and assertion tests.
enum MetricsFixtures {
    static let gemini = 0
    static let cohere = 1
    static let chat = 0
    static let batch = 1

    /// Two providers, two streams, a 3-minute run with a Gemini outage over [30s, 60s).
    static func experiment(duration: TimeSpan = .seconds(180), assertions: [Assertion] = [],
                           steady: SteadyState? = nil, faults: [Fault]? = nil) -> Experiment {
        var experiment = Experiment(
            name: "gemini-outage", duration: duration,
            providers: [Provider(name: "gemini", kind: .gemini), Provider(name: "cohere", kind: .cohere)],
            policy: Policy(route: ["gemini", "cohere"]),
            traffic: [TrafficStream(name: "chat", shape: .rate(Rate(perSecond: 20), .uniform)),
                      TrafficStream(name: "batch", shape: .users(10, think: .fixed(.seconds(1))))],
            file: "experiments/gemini-outage.yaml", source: "version: 1\nname: gemini-outage\n")
        experiment.description = "A 30 s Gemini outage"
        experiment.seed = 42
        experiment.faults = faults ?? [outage]
        experiment.assertions = assertions
        experiment.steadyState = steady
        return experiment
    }

    static let outage = Fault(name: "gemini-outage", target: .providers(["gemini"]), kind: .unavailable,
                              at: .at(.seconds(30)), end: .for(.seconds(30)))

    static func start(_ fault: String, _ offset: TimeSpan = .zero) -> TimeReference {
        TimeReference(anchor: .faultStart(fault), offset: offset)
    }

    static func end(_ fault: String, _ offset: TimeSpan = .zero) -> TimeReference {
        TimeReference(anchor: .faultEnd(fault), offset: offset)
    }

    static func expect(_ text: String, _ metric: Metric, _ comparison: Expectation.Comparison, _ threshold: Double,
                       scope: String? = nil) -> Expectation {
        Expectation(metric: MetricRef(scope: scope, metric: metric), comparison: comparison,
                    threshold: threshold, text: text)
    }

    // MARK: - Samples

    static func s(_ seconds: Double) -> TimeSpan { .seconds(seconds) }

    static func request(_ stream: Int = chat, at scheduled: Double, latency: Double = 0.1,
                        _ outcome: RequestOutcome = .ok, attempts: Int = 1) -> RequestSample {
        RequestSample(stream: stream, scheduledAt: .seconds(scheduled),
                      endedAt: .seconds(outcome == .dropped ? scheduled : scheduled + latency),
                      outcome: outcome, attempts: outcome == .dropped ? 0 : attempts)
    }

    static func attempt(_ provider: Int = gemini, at start: Double, latency: Double = 0.1,
                        _ result: AttemptResult = .success(slow: false)) -> AttemptSample {
        AttemptSample(provider: provider, startedAt: .seconds(start), endedAt: .seconds(start + latency), result: result)
    }

    static func transition(_ provider: String = "gemini", at seconds: Double, _ from: BreakerState,
                           _ to: BreakerState, _ reason: String = "test") -> TransitionRecord {
        TransitionRecord(provider: provider, at: .seconds(seconds), from: from, to: to, reason: reason)
    }

    /// The breaker story of the design's example: open at 32s, half-open at 62s, closed at 63.5s.
    static let outageTransitions = [
        transition(at: 32, .closed, .open, "5 consecutive failures"),
        transition(at: 62, .open, .halfOpen, "open_for 30s elapsed"),
        transition(at: 63.5, .halfOpen, .closed, "2 of 2 probes succeeded"),
    ]

    static func recorder(_ experiment: Experiment, transitions: [TransitionRecord] = [],
                         _ feed: (inout MetricsRecorder) -> Void = { _ in }) -> MetricsRecorder {
        var recorder = MetricsRecorder(plan: Plan(experiment))
        feed(&recorder)
        for t in transitions { recorder.record(t) }
        return recorder
    }

    /// Evaluates the experiment's assertions against a recorder; the run ended at `duration`.
    static func evaluate(_ experiment: Experiment, _ recorder: MetricsRecorder,
                         finalStates: [BreakerState] = [.closed, .closed]) -> [RunResult.AssertionResult] {
        AssertionEvaluator(plan: Plan(experiment), recorder: recorder, endedAt: experiment.duration,
                           finalStates: finalStates).evaluate()
    }
}
