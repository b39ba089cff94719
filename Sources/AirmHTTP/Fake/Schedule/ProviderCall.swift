import AirmEngine
import AirmSpec

/// One call a provider's fake received during a run, as the fake answered it: what
/// `<provider>.calls`, `.errors.*` and `.latency.*` count in `mode: app`, and what breakers
/// are inferred from (docs/app-mode.md).
public struct ProviderCall: Sendable, Hashable {
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

    /// What the caller sees of a decision: success, or the kind of failure.
    static func result(of decision: FakeDecision, effect: FaultEffect) -> AttemptResult {
        if case .answer(let kind, _, _) = effect.outcome { return .failure(kind) }
        switch decision.action {
        case .answer: return .success(slow: false)
        case .error(let status, _): return .failure(ErrorKind.forStatus(status) ?? .serverError)
        case .coldStart: return .failure(.unavailable)
        case .hang: return .failure(.timeout)
        case .close, .reset, .cut, .cutStream: return .failure(.connection)
        case .corrupt: return .failure(.corrupt)
        case .blocked: return .failure(.blocked)
        }
    }
}
