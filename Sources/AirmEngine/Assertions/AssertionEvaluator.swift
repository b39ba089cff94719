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

    let steadyWindows: SteadyWindows?
    /// Where the record ends before the planned end, for a run stopped early (or one still going);
    /// `nil` for a run that ran its course.
    let horizon: Horizon?

    /// How far a record reaches, for judging a run that stopped early or is still going
    /// (docs/semantics.md "Runs that stop early").
    public struct Horizon: Sendable, Hashable {
        /// Transitions are known up to here.
        public var transitions: TimeSpan
        /// Requests scheduled before here have all finished and been recorded.
        public var requests: TimeSpan

        /// A run stopped at `time` and drained: everything before it is known.
        public static func stopped(at time: TimeSpan) -> Horizon { Horizon(transitions: time, requests: time) }

        /// A run still going at `now`: requests scheduled in the last `drain` may still be in flight.
        public static func running(at now: TimeSpan, drain: TimeSpan) -> Horizon {
            Horizon(transitions: now, requests: now - drain)
        }
    }

    /// - Parameters:
    ///   - finalStates: each breaker's state when the run was over, in `experiment.providers` order.
    ///   - horizon: for a run stopped early, where it stopped: an assertion whose window reaches past it
    ///     is "not evaluated" unless its verdict was already settled.
    public init(plan: Plan, recorder: MetricsRecorder, endedAt: TimeSpan, finalStates: [BreakerState],
                horizon: Horizon? = nil) {
        let experiment = plan.experiment
        self.experiment = experiment
        self.recorder = recorder
        self.horizon = horizon
        timeline = plan.timeline
        steadyWindows = plan.steadyWindows
        runEnd = horizon == nil ? max(endedAt, experiment.duration) : endedAt
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
        var judgement: Judgement
        var evaluated = true
        switch EvaluationWindow.resolve(assertion.window, timeline: timeline, runEnd: runEnd) {
        case .failure(let reason):
            judgement = Judgement(passed: false, expected: Self.expected(assertion.check), observed: "not evaluated",
                                  message: reason.text)
        case .success(let window):
            judgement = judge(assertion.check, in: window)
            if let horizon, !judgement.isFinal {
                let known: TimeSpan
                if case .expect = assertion.check { known = horizon.requests } else { known = horizon.transitions }
                if !window.isComplete(by: known) {
                    evaluated = false
                    judgement = Self.notEvaluated(judgement.expected, stoppedAt: horizon.transitions)
                }
            }
        }
        var result = RunResult.AssertionResult(name: name, kind: kind, passed: judgement.passed, expected: judgement.expected,
                                               observed: judgement.observed, message: judgement.message,
                                               line: assertion.location.line)
        if !evaluated { result.notEvaluated = true }
        if case .breaker(let provider, let check) = assertion.check {
            result.provider = provider
            if case .transition(_, let after?, let within?) = check, let anchor = timeline.time(of: after) {
                result.deadlineMs = Rounding.three((anchor + within).milliseconds)
            }
        }
        return result
    }

    /// Whether `assertion` has failed and nothing later in the run could make it hold: an
    /// `abort_on_fail` assertion that has stops the run (docs/semantics.md "Runs that stop early").
    public func hasSettledFailure(_ assertion: Assertion) -> Bool {
        let result = result(assertion)
        return !result.passed && result.notEvaluated != true
    }

    static func notEvaluated(_ expected: String, stoppedAt: TimeSpan) -> Judgement {
        Judgement(passed: false, expected: expected, observed: "not evaluated",
                  message: "not evaluated: the run stopped at \(Figures.time(stoppedAt)), before this assertion's window ended")
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
            let context = BreakerContext(provider: provider, history: history, window: window, timeline: timeline,
                                         observedUntil: horizon?.transitions ?? .max)
            return BreakerRules.judge(check, in: context)
        }
    }

    private func steadyResult(_ expectation: Expectation, span: Timeline.Span, label: String) -> RunResult.AssertionResult {
        let phrase = "\(label) (from \(Figures.time(span.start)) to \(Figures.time(span.end)))"
        let window = EvaluationWindow(span: span, phrase: phrase, duration: experiment.duration, runEnd: runEnd)
        var judgement = ExpectationCheck(expectation: expectation, window: window).judge(with: recorder)
        let evaluated = horizon.map { window.isComplete(by: $0.requests) } ?? true
        if let horizon, !evaluated { judgement = Self.notEvaluated(judgement.expected, stoppedAt: horizon.transitions) }
        var result = RunResult.AssertionResult(name: "steady state \(label): \(expectation.text)", kind: "steady_state",
                                               passed: judgement.passed, expected: judgement.expected,
                                               observed: judgement.observed, message: judgement.message,
                                               line: expectation.location?.line)
        if !evaluated { result.notEvaluated = true }
        return result
    }

    private static func expected(_ check: Assertion.Check) -> String {
        switch check {
        case .expect(let expectation):
            "\(expectation.comparison.rawValue) \(Figures.threshold(expectation.threshold, unit: expectation.metric.metric.unit))"
        case .breaker(_, let check): check.key
        }
    }
}
