import AirmSpec

/// Watches a run's `abort_on_fail` assertions while it goes, so a lost run stops early
/// (docs/semantics.md "Runs that stop early").
///
/// A driver asks `check` as time moves on; it judges the watched assertions at most once per
/// `interval`, on what the recorder holds so far, and names the first one that has failed for good:
/// a breaker check once nothing later can make it hold (a `never` broken, an `opens within` past
/// its deadline), an `expect` once its window has ended and its requests have drained.
public struct AbortWatch: Sendable {
    public static let interval = TimeSpan.seconds(1)

    let plan: Plan
    let watched: [Assertion]
    var nextCheck = TimeSpan.zero

    /// `nil` when no assertion of `plan` is watched: neither `abort_on_fail` nor `--abort-on-fail`.
    public init?(plan: Plan) {
        let watched = plan.experiment.assertions.filter { $0.abortOnFail || plan.choices.abortOnFail }
        guard !watched.isEmpty else { return nil }
        self.plan = plan
        self.watched = watched
    }

    /// The stop of the first watched assertion that can no longer hold at `now`, or `nil`.
    /// `breakers` are the breakers' states now, in provider order.
    public mutating func check(_ recorder: MetricsRecorder, at now: TimeSpan, breakers: [BreakerState]) -> RunResultBuilder.Stop? {
        guard now >= nextCheck else { return nil }
        nextCheck = now + Self.interval
        let evaluator = AssertionEvaluator(plan: plan, recorder: recorder, endedAt: now, finalStates: breakers,
                                           horizon: .running(at: now, drain: plan.drainHorizon))
        for assertion in watched where evaluator.hasSettledFailure(assertion) {
            let name = assertion.name ?? AssertionNames.defaultName(of: assertion)
            return RunResultBuilder.Stop(at: now, reason: "\(name) can no longer hold", byAssertion: true)
        }
        return nil
    }
}
