import AirmEngine
import AirmSpec

/// Answers like the engine's simulated providers (docs/semantics.md "Simulated providers"): each
/// provider's `simulate:` settings drive latency, `error_rate` (503 after the service time),
/// the `rate_limit` quota (429 at once, with Retry-After) and `capacity` (queueing shows as
/// latency). What `airm fake-providers --experiment FILE` serves.
///
/// A call is matched to a provider by the route's name (`/gemini-eu/v1beta/…` → `gemini-eu`),
/// else to the first provider of that API type; calls that match none get `fallback`.
/// Draws come from the seed's `provider:<name>` streams, as in simulation.
public actor ModelBehavior: FakeBehavior {
    private var models: [String: SimulatedProvider] = [:]
    private var byType: [String: String] = [:]
    private var fallback: SimulatedProvider

    public init(_ experiment: Experiment, seed: UInt64? = nil) {
        let seed = seed ?? experiment.seed
        for provider in experiment.providers {
            models[provider.name] = SimulatedProvider(provider.simulate,
                                                      generator: SeededGenerator(seed: seed, stream: "provider:" + provider.name))
            if byType[provider.kind.rawValue] == nil { byType[provider.kind.rawValue] = provider.name }
        }
        fallback = SimulatedProvider(SimulatedBehavior(), generator: SeededGenerator(seed: seed, stream: "provider:fake"))
    }

    public func decide(provider: String, at now: TimeSpan) async -> FakeDecision {
        let name = models[provider] != nil ? provider : byType[provider]
        let answer: SimulatedProvider.Answer
        if let name, var model = models[name] {
            answer = model.call(at: now)
            models[name] = model
        } else {
            answer = fallback.call(at: now)
        }
        switch answer.error {
        case nil:
            return .answer(after: answer.latency)
        case .rateLimited:
            return FakeDecision(.error(status: 429, retryAfter: answer.retryAfter ?? .seconds(1)), delay: answer.latency)
        case let kind?:
            return FakeDecision(.error(status: kind == .unavailable ? 503 : 500, retryAfter: nil), delay: answer.latency)
        }
    }
}
