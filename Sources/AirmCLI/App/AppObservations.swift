import AirmEngine
import AirmHTTP
import AirmSpec

/// The breakers of an app-mode run as both sources saw them, and which one the checks judge
/// (docs/app-mode.md "Which source the checks judge").
struct AppObservations {
    let calls: [ProviderCall]
    let inferred: [TransitionRecord]
    let read: [TransitionRecord]?
    let readSource: String?
    let finalStates: [BreakerState]

    init(plan: Plan, calls: [ProviderCall], requests: [TimeSpan], end: TimeSpan, read: [TransitionRecord]?, readSource: String?) {
        self.calls = calls
        let settings = BreakerInference.Settings.for(plan)
        inferred = plan.providers.indices.flatMap { index in
            BreakerInference.transitions(provider: plan.providers[index].name, calls: calls.filter { $0.provider == index },
                                         requests: requests, outages: ListenerOutages.windows(plan, provider: plan.providers[index].name),
                                         end: end, settings: settings)
        }
        self.read = read
        self.readSource = readSource
        let judged = read ?? inferred
        finalStates = plan.providers.map { provider in judged.last { $0.provider == provider.name }?.to ?? .closed }
    }

    /// The app's own reading when it has one, else the inference.
    var judged: [TransitionRecord] { read ?? inferred }
    var judgedSource: String { read != nil ? readSource ?? "read" : "inferred" }
    var sources: [String] { ["inferred"] + (readSource.map { [$0] } ?? []) }

    /// Every observed transition, with its source, in time order.
    var all: [RunResult.Transition] {
        func rows(_ records: [TransitionRecord], _ source: String) -> [RunResult.Transition] {
            records.map { RunResult.Transition(provider: $0.provider, atMs: $0.at.milliseconds, from: $0.from, to: $0.to,
                                               reason: $0.reason, observed: source) }
        }
        let rows = rows(inferred, "inferred") + rows(read ?? [], readSource ?? "read")
        return rows.enumerated().sorted { ($0.element.atMs, $0.offset) < ($1.element.atMs, $1.offset) }.map(\.element)
    }

    var disagreements: [String] {
        guard let read, let readSource else { return [] }
        return ObservedAgreement.disagreements(read, "the app's \(readSource)", inferred, "the inference")
    }
}
