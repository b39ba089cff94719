import AirmSpec

/// Runs an experiment in virtual time and returns its result: the simulator feeds the
/// metrics recorder, and the result is built from what it recorded.
public enum Simulation {
    /// - Parameters:
    ///   - seed: overrides the experiment's seed when given.
    ///   - startedAt: the wall-clock start stamped on the result (ISO 8601); the run itself never reads a clock.
    public static func run(_ experiment: Experiment, seed: UInt64? = nil, startedAt: String) -> RunResult {
        var experiment = experiment
        if let seed { experiment.seed = seed }
        var recorder = MetricsRecorder(experiment: experiment)
        let summary = Simulator.run(experiment, recorder: &recorder)
        return RunResultBuilder.build(
            experiment: experiment, recorder: recorder, endedAt: summary.endedAt,
            finalStates: summary.breakerStates, startedAt: startedAt
        )
    }
}
