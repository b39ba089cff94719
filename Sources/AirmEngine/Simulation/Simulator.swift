import AirmSpec

/// Runs an experiment against simulated providers in virtual time (docs/architecture.md, docs/semantics.md).
///
/// A discrete-event loop over a heap of timestamped events: breaker timers, attempt
/// completions (timeouts included), retry attempts and arrivals, in that order at equal
/// times and in insertion order within a class. Nothing sleeps and no clock is read: a one-hour
/// experiment runs in as long as its events take to process. The same experiment and seed
/// always give the same samples, in the same order.
///
/// Random streams, all derived from the seed: `"traffic:<stream>"` (poisson gaps, think
/// times), `"provider:<provider>"` (latency and errors), `"fault:<fault>"` (probability and
/// jitter), `"retry:<provider>"` (backoff jitter).
public struct Simulator {
    /// Runs `plan` and feeds every sample to `recorder`.
    ///
    /// Arrivals stop at `duration`; requests still in flight run to completion. The run ends at
    /// `duration` or when the last request finishes, if later; breaker timers due after that
    /// moment are not fired.
    public static func run<R: SampleRecorder>(_ plan: Plan, recorder: inout R) -> SimulationSummary {
        var run = SimulationRun(plan)
        while run.step() {
            guard !run.core.samples.isEmpty else { continue }
            for sample in run.core.samples { sample.record(into: &recorder) }
            run.core.samples.removeAll(keepingCapacity: true)
        }
        return run.summary
    }

    /// Runs `plan` like `run(_:recorder:)`, recording on a second thread while the simulator goes on
    /// (`RecordingThread`): the same samples reach `recorder` in the same order, and it is returned
    /// with the summary once all are recorded.
    public static func runRecordingAside<R: SampleRecorder & Sendable>(_ plan: Plan, recorder: R) -> (SimulationSummary, R) {
        let recording = RecordingThread(recorder: recorder)
        var run = SimulationRun(plan)
        run.core.samples.reserveCapacity(RecordingThread<R>.batchSize)
        while run.step() {
            if run.core.samples.count >= RecordingThread<R>.batchSize { recording.send(&run.core.samples) }
        }
        recording.send(&run.core.samples)
        return (run.summary, recording.finish())
    }
}

/// What a simulated run ended with, beyond the samples it recorded.
public struct SimulationSummary: Sendable, Hashable {
    /// `duration`, or when the last request finished if that is later.
    public var endedAt: TimeSpan
    /// Each breaker's state at the end, in `Experiment.providers` order.
    public var breakerStates: [BreakerState]
    /// Arrivals, dropped ones included.
    public var requests: Int
    /// Attempts let through by breakers.
    public var attempts: Int
    /// Breaker transitions recorded.
    public var transitions: Int

    public init(endedAt: TimeSpan, breakerStates: [BreakerState], requests: Int, attempts: Int, transitions: Int) {
        self.endedAt = endedAt
        self.breakerStates = breakerStates
        self.requests = requests
        self.attempts = attempts
        self.transitions = transitions
    }
}
