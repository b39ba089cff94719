import AirmSpec

/// Runs an experiment in virtual time and returns its result: the simulator feeds the
/// metrics recorder, and the result is built from what it recorded.
public enum Simulation {
    /// - Parameter startedAt: the wall-clock start stamped on the result (ISO 8601); the run itself never reads a clock.
    ///
    /// A run with `abort_on_fail` assertions is watched as it goes and ends early, failed, once one of
    /// them can no longer hold (docs/semantics.md "Runs that stop early").
    public static func run(_ plan: Plan, startedAt: String) -> RunResult {
        guard var watch = AbortWatch(plan: plan) else {
            let (summary, recorder) = Simulator.runRecordingAside(plan, recorder: MetricsRecorder(plan: plan))
            return RunResultBuilder.build(plan: plan, recorder: recorder, endedAt: summary.endedAt,
                                          finalStates: summary.breakerStates, startedAt: startedAt)
        }
        var recorder = MetricsRecorder(plan: plan)
        var run = SimulationRun(plan)
        var stop: RunResultBuilder.Stop?
        while run.step() {
            for sample in run.core.samples { sample.record(into: &recorder) }
            run.core.samples.removeAll(keepingCapacity: true)
            if stop == nil, let found = watch.check(recorder, at: run.virtualTime, breakers: run.core.breakers.map(\.state)) {
                stop = found
                run.stop(at: found.at)
            }
        }
        let summary = run.summary
        return RunResultBuilder.build(plan: plan, recorder: recorder, endedAt: summary.endedAt,
                                      finalStates: summary.breakerStates, startedAt: startedAt, stop: stop)
    }
}
