import AirmSpec

/// How one request ended (docs/semantics.md "Request flow").
public enum RequestOutcome: String, Sendable, Codable, CaseIterable {
    case ok, fallback, degraded, failed, dropped
}

/// What became of one attempt that a breaker let through.
public enum AttemptResult: Sendable, Hashable {
    /// `slow` when it took longer than the breaker's `slow_call.over`.
    case success(slow: Bool)
    case failure(ErrorKind)
}

/// One finished request, as a driver reports it.
public struct RequestSample: Sendable, Hashable {
    /// Index into `Experiment.traffic`; `noStream` for a call from outside any stream (`airm serve`).
    public var stream: Int
    /// The scheduled arrival: requests are attributed to windows by this time.
    public var scheduledAt: TimeSpan
    /// When the outcome was known; latency is `endedAt - scheduledAt`. Equal to `scheduledAt` for `dropped`.
    public var endedAt: TimeSpan
    public var outcome: RequestOutcome
    /// Attempts let through by breakers, over every provider.
    public var attempts: Int

    /// The `stream` of a call that came from outside any traffic stream.
    public static let noStream = -1

    public init(stream: Int, scheduledAt: TimeSpan, endedAt: TimeSpan, outcome: RequestOutcome, attempts: Int) {
        self.stream = stream
        self.scheduledAt = scheduledAt
        self.endedAt = endedAt
        self.outcome = outcome
        self.attempts = attempts
    }
}

/// One attempt on a provider, as a driver reports it when it ends.
public struct AttemptSample: Sendable, Hashable {
    /// Index into `Experiment.providers`.
    public var provider: Int
    /// Attempts are attributed to windows by this time.
    public var startedAt: TimeSpan
    public var endedAt: TimeSpan
    public var result: AttemptResult

    public init(provider: Int, startedAt: TimeSpan, endedAt: TimeSpan, result: AttemptResult) {
        self.provider = provider
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.result = result
    }
}

/// A breaker moving between states, with a readable cause ("5 consecutive failures").
public struct TransitionRecord: Sendable, Hashable, Codable {
    public var provider: String
    public var at: TimeSpan
    public var from: BreakerState
    public var to: BreakerState
    public var reason: String

    public init(provider: String, at: TimeSpan, from: BreakerState, to: BreakerState, reason: String) {
        self.provider = provider
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// Consumes what a driver observes. Implementations aggregate (metrics, assertions) and never call
/// back into the driver; the driver is generic over its recorder so calls are statically dispatched.
///
/// A driver calls these in non-decreasing time order of the event that produced them:
/// a request sample when its outcome is known (or at its arrival, when dropped), an attempt sample
/// when the attempt ends, a rejection when a breaker refuses an attempt, a transition when it happens.
public protocol SampleRecorder {
    mutating func record(_ request: RequestSample)
    mutating func record(_ attempt: AttemptSample)
    /// A breaker refused an attempt on `provider` (index into `Experiment.providers`).
    mutating func recordRejection(provider: Int, at: TimeSpan)
    mutating func record(_ transition: TransitionRecord)
}
