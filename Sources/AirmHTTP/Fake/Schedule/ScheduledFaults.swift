import AirmEngine
import AirmSpec

/// The fakes of one experiment's providers answering on the experiment's own schedule, in wall
/// time from the run's start (docs/app-mode.md "The fakes").
///
/// Each call is answered as `ModelBehavior` answers it (the providers' `simulate:`), then the
/// engine's `FaultSchedule` applies `faults:` at the call's time since `start(at:)`, and
/// `FaultBoard.decision` turns the effect into the fake's answer, exactly as for a fault posted
/// to the control endpoint. Before `start(at:)` no fault applies and no call is logged.
///
/// Every call after the start is logged (`ProviderCall`), in arrival order. A provider with
/// `upstream` answers without its `simulate:` settings, and its logged duration is only the
/// faults' added time (docs/app-mode.md "Proxy mode").
///
/// On one port for every provider (`airm fake-providers --experiment`), a call is matched to a
/// provider by the route's name, else to the first provider of that API type, as `ModelBehavior`
/// matches it; calls that match none get the model's answer without faults.
public actor ScheduledFaults: FakeBehavior {
    public let experiment: Experiment
    private let model: ModelBehavior
    private var schedule: FaultSchedule
    private var origin: ContinuousClock.Instant?
    private var calls: [ProviderCall] = []

    public init(_ plan: Plan) {
        experiment = plan.experiment
        model = ModelBehavior(plan.experiment, seed: plan.seed)
        schedule = FaultSchedule(plan.experiment, timeline: plan.timeline, seed: plan.seed)
    }

    /// Starts the schedule: `origin` is the run's time zero.
    public func start(at origin: ContinuousClock.Instant) {
        self.origin = origin
    }

    /// The calls logged so far, in arrival order.
    public var log: [ProviderCall] { calls }

    /// The behaviour of the fake serving provider `index` alone, whatever path the call used.
    public nonisolated func behavior(for index: Int) -> any FakeBehavior { OneProvider(faults: self, index: index) }

    public func decide(provider name: String, at serverTime: TimeSpan) async -> FakeDecision {
        let providers = experiment.providers
        guard let index = providers.firstIndex(where: { $0.name == name }) ?? providers.firstIndex(where: { $0.kind.rawValue == name }) else {
            return await model.decide(provider: name, at: serverTime)
        }
        return await decide(provider: index, at: serverTime)
    }

    /// Answers one call to provider `index`.
    func decide(provider index: Int, at serverTime: TimeSpan) async -> FakeDecision {
        let name = experiment.providers[index].name
        guard let origin else { return await model.decide(provider: name, at: serverTime) }
        let now = TimeSpan(ContinuousClock.now - origin)
        // A proxy's answers take the upstream's own time: `simulate:` does not apply to them.
        let base = experiment.providers[index].upstream == nil ? await model.decide(provider: name, at: now) : .answer()
        let effect = schedule.effect(provider: index, at: now)
        let fault = effect.decidedBy.flatMap { $0 < experiment.faults.count ? experiment.faults[$0] : nil }
        let decision = FaultBoard.decision(effect, delivery: FaultTransport.delivery(of: effect.outcome, fault: fault), base: base)
        let took = decision.action == .hang ? .zero : decision.delay + (decision.stall?.gap ?? .zero)
        calls.append(ProviderCall(provider: index, at: now, endedAt: now + took, result: ProviderCall.result(of: decision, effect: effect)))
        return decision
    }

    /// One provider's view of the schedule.
    struct OneProvider: FakeBehavior {
        let faults: ScheduledFaults
        let index: Int

        func decide(provider: String, at now: TimeSpan) async -> FakeDecision {
            await faults.decide(provider: index, at: now)
        }
    }
}
