import AirmSpec

/// Runs an experiment in virtual time and returns its result: the simulator feeds the
/// metrics recorder, and the result is built from what it recorded.
public enum Simulation {
    /// - Parameter startedAt: the wall-clock start stamped on the result (ISO 8601); the run itself never reads a clock.
    public static func run(_ plan: Plan, startedAt: String) -> RunResult {
        var recorder = MetricsRecorder(plan: plan)
        let summary = Simulator.run(plan, recorder: &recorder)
        return RunResultBuilder.build(plan: plan, recorder: recorder, endedAt: summary.endedAt,
                                      finalStates: summary.breakerStates, startedAt: startedAt)
    }
}
