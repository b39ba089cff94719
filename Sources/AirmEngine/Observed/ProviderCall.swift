import AirmSpec

/// One call a provider's fake received during a run, as the fake answered it: what
/// `<provider>.calls`, `.errors.*` and `.latency.*` count in `mode: app`, and what breakers
/// are inferred from (docs/app-mode.md).
public struct ProviderCall: Sendable, Hashable {
    /// Whether the call failed.
    public var failed: Bool {
        if case .failure = result { return true }
        return false
    }

    /// Index into `Experiment.providers`.
    public var provider: Int
    /// When the call reached the fake, from the run's start.
    public var at: TimeSpan
    /// When the fake's answer was due: `at` plus the time it gave the call (for a hang, `at`).
    public var endedAt: TimeSpan
    public var result: AttemptResult

    public init(provider: Int, at: TimeSpan, endedAt: TimeSpan, result: AttemptResult) {
        self.provider = provider
        self.at = at
        self.endedAt = endedAt
        self.result = result
    }

    /// The call as an attempt sample, for the metrics recorder.
    public var sample: AttemptSample { AttemptSample(provider: provider, startedAt: at, endedAt: endedAt, result: result) }
}
