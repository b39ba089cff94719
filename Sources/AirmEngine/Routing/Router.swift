import AirmSpec

/// The route of a policy with each provider's settings resolved once: what `RequestFlow` walks.
public struct Router: Sendable {
    /// One provider in the route.
    public struct Leg: Sendable {
        /// Index into `Experiment.providers`.
        public let provider: Int
        /// Per attempt.
        public let timeout: TimeSpan
        public let retrier: Retrier
    }

    public let legs: [Leg]
    /// Per request, all attempts included.
    public let deadline: TimeSpan?
    /// Whether a static fallback answers when every provider is exhausted (`degraded`).
    public let hasFallback: Bool

    /// The route of `experiment.policy`; names that match no provider are skipped.
    public init(_ experiment: Experiment) {
        let policy = experiment.policy
        var legs: [Leg] = []
        for name in policy.route {
            guard let index = experiment.providers.firstIndex(where: { $0.name == name }) else { continue }
            let settings = policy.settings(for: name)
            legs.append(Leg(provider: index, timeout: settings.timeout, retrier: Retrier(settings.retry)))
        }
        self.legs = legs
        deadline = policy.deadline
        hasFallback = policy.fallback != nil
    }
}
