import AirmSpec

/// A snapshot of a live run, for progress lines.
public struct LiveProgress: Sendable, Equatable {
    /// Wall time since the run started.
    public var elapsed: TimeSpan
    /// The experiment's `duration`.
    public var total: TimeSpan
    /// Arrivals so far, dropped ones included.
    public var requests: Int
    /// Requests that have their outcome.
    public var completed: Int
    public var inFlight: Int
    /// Each provider's breaker state, in `Experiment.providers` order.
    public var breakers: [Breaker]
    /// Whether arrivals were stopped by an interrupt.
    public var stopping: Bool

    public struct Breaker: Sendable, Equatable {
        public var provider: String
        public var state: BreakerState
    }

    /// Arrivals per second since the start.
    public var requestsPerSecond: Double {
        elapsed.nanoseconds > 0 ? Double(requests) / elapsed.seconds : 0
    }
}

