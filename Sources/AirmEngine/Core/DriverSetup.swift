import AirmSpec

/// How every driver builds a run's per-provider state and seed streams from its plan, so that
/// one file draws from the same named streams whichever driver runs it.
public enum DriverSetup {
    /// One breaker per provider, in `Experiment.providers` order, with its effective settings.
    public static func breakers(_ plan: Plan) -> [CircuitBreaker] {
        plan.providers.map { CircuitBreaker(provider: $0.name, policy: $0.policy.breaker) }
    }

    /// One simulated-provider model per provider, on the stream `provider:<name>`.
    public static func models(_ plan: Plan) -> [SimulatedProvider] {
        plan.experiment.providers.map {
            SimulatedProvider($0.simulate, generator: SeededGenerator(seed: plan.seed, stream: "provider:" + $0.name))
        }
    }

    /// One backoff-jitter generator per provider, on the stream `retry:<name>`.
    public static func retryGenerators(_ plan: Plan) -> [SeededGenerator] {
        plan.providers.map { SeededGenerator(seed: plan.seed, stream: "retry:" + $0.name) }
    }

    /// Each provider's `slow_call.over`, if its breaker has a slow-call rule.
    public static func slowCallThresholds(_ plan: Plan) -> [TimeSpan?] {
        plan.providers.map { $0.policy.breaker.slowCall?.over }
    }

    /// The arrival generator of a traffic stream, on the stream `traffic:<name>`.
    public static func trafficGenerator(_ stream: TrafficStream, seed: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed, stream: "traffic:" + stream.name)
    }

    /// A closed-model stream's user count and think time; zero users for open-model streams.
    public static func users(_ stream: TrafficStream) -> (count: Int, think: TrafficStream.Think) {
        guard case .users(let count, let think) = stream.shape else { return (0, .fixed(.zero)) }
        return (max(0, count), think)
    }
}
