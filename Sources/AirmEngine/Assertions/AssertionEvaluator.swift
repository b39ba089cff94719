import AirmSpec

/// Evaluates an experiment's assertions and `steady_state` against what a run recorded.
///
/// Results come in lifecycle order: steady state before the faults, the assertions in file order,
/// then steady state after recovery. Names are unique: repeats get " (2)", " (3)", ….
public struct AssertionEvaluator: Sendable {
    let experiment: Experiment
    let recorder: MetricsRecorder
    let timeline: Timeline
    /// When the run was over (at or after `duration`).
    let runEnd: TimeSpan
    let histories: [String: BreakerHistory]

    /// - Parameter finalStates: each breaker's state when the run was over, in `experiment.providers` order.
    let steadyWindows: SteadyWindows?

    public init(plan: Plan, recorder: MetricsRecorder, endedAt: TimeSpan, finalStates: [BreakerState]) {
        let experiment = plan.experiment
        self.experiment = experiment
        self.recorder = recorder
        timeline = plan.timeline
        steadyWindows = plan.steadyWindows
        runEnd = max(endedAt, experiment.duration)
        var histories: [String: BreakerHistory] = [:]
        for (index, provider) in experiment.providers.enumerated() {
            let final = index < finalStates.count ? finalStates[index] : nil
            histories[provider.name] = BreakerHistory(provider: provider.name, transitions: recorder.transitions, final: final)
        }
        self.histories = histories
    }

    /// Every result, named and in order.
    public func evaluate() -> [RunResult.AssertionResult] {
        var results: [RunResult.AssertionResult] = []
        let steady = experiment.steadyState
        let windows = steadyWindows
        if let steady, let windows {
            results += steady.expect.map { steadyResult($0, span: windows.before, label: "before faults") }
        }
        results += experiment.assertions.map(result)
        if let steady, let windows {
            results += steady.expect.map { steadyResult($0, span: windows.after, label: "after recovery") }
        }
        return AssertionNames.unique(results)
    }

    // MARK: - One assertion

    func result(_ assertion: Assertion) -> RunResult.AssertionResult {
        let name = assertion.name ?? AssertionNames.defaultName(of: assertion)
        let kind: String
        switch assertion.check {
        case .breaker(_, let check): kind = check.key
        case .expect: kind = "expect"
        }
        let judgement: Judgement
        switch EvaluationWindow.resolve(assertion.window, timeline: timeline, runEnd: runEnd) {
        case .failure(let reason):
            judgement = Judgement(passed: false, expected: Self.expected(assertion.check), observed: "not evaluated",
                                  message: reason.text)
        case .success(let window):
            judgement = judge(assertion.check, in: window)
        }
        return RunResult.AssertionResult(name: name, kind: kind, passed: judgement.passed, expected: judgement.expected,
                                         observed: judgement.observed, message: judgement.message,
                                         line: assertion.location.line)
    }

    func judge(_ check: Assertion.Check, in window: EvaluationWindow) -> Judgement {
        switch check {
        case .expect(let expectation):
            return ExpectationCheck(expectation: expectation, window: window).judge(with: recorder)
        case .breaker(let provider, let check):
            guard let history = histories[provider] else {
                return Judgement(passed: false, expected: check.key, observed: "not evaluated",
                                 message: "\(provider) is not a provider of this experiment")
            }
            let context = BreakerContext(provider: provider, history: history, window: window, timeline: timeline)
            return BreakerRules.judge(check, in: context)
        }
    }

    private func steadyResult(_ expectation: Expectation, span: Timeline.Span, label: String) -> RunResult.AssertionResult {
        let phrase = "\(label) (from \(Figures.time(span.start)) to \(Figures.time(span.end)))"
        let window = EvaluationWindow(span: span, phrase: phrase, duration: experiment.duration, runEnd: runEnd)
        let judgement = ExpectationCheck(expectation: expectation, window: window).judge(with: recorder)
        return RunResult.AssertionResult(name: "steady state \(label): \(expectation.text)", kind: "steady_state",
                                         passed: judgement.passed, expected: judgement.expected,
                                         observed: judgement.observed, message: judgement.message,
                                         line: expectation.location?.line)
    }

    private static func expected(_ check: Assertion.Check) -> String {
        switch check {
        case .expect(let expectation):
            "\(expectation.comparison.rawValue) \(Figures.threshold(expectation.threshold, unit: expectation.metric.metric.unit))"
        case .breaker(_, let check): check.key
        }
    }
}
