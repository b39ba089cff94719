import AirmSpec

/// Which faults apply to an attempt that starts at a given time on a given provider, and what
/// they do to it (docs/experiment-format.md "faults").
///
/// - A fault applies to attempts that start while it is active ([start, end) from the
///   `Timeline`), on a targeted provider, with its probability, drawn from the fault's own
///   stream `"fault:<name>"` (a draw is taken only when the probability is below 100%).
/// - The first failing fault in file order decides the outcome; the delays of every applying
///   `latency` fault add to its time. Faults after the decider still draw their probability, so
///   each fault's stream advances the same way whatever the others do.
/// - What each type does is its own (`FaultBehavior`, one file per type in `Types/`).
/// - `stall` gaps add to answers the provider gives, not to injected ones.
public struct FaultSchedule: Sendable {
    /// One entry per fault and targeted provider: a `rate_limit` quota is per provider.
    private var entries: [FaultEntry] = []
    /// Entry indices per provider, in file order.
    private var byProvider: [[Int]]
    private var generators: [SeededGenerator]

    /// Resolves the faults of `experiment` against `timeline`; faults whose window cannot be
    /// resolved never apply. Provider indices follow `experiment.providers`.
    public init(_ experiment: Experiment, timeline: Timeline, seed: UInt64? = nil) {
        let seed = seed ?? experiment.seed
        byProvider = Array(repeating: [], count: experiment.providers.count)
        generators = experiment.faults.map { SeededGenerator(seed: seed, stream: "fault:" + $0.name) }
        for (faultIndex, fault) in experiment.faults.enumerated() {
            guard let span = timeline.faults[fault.name], span.start < span.end else { continue }
            for (providerIndex, provider) in experiment.providers.enumerated() where fault.target.includes(provider.name) {
                guard let entry = FaultEntry(fault, index: faultIndex, start: span.start, end: span.end) else { continue }
                byProvider[providerIndex].append(entries.count)
                entries.append(entry)
            }
        }
    }

    /// Whether any fault targets `provider` at all.
    public func hasFaults(provider: Int) -> Bool { !byProvider[provider].isEmpty }

    /// The effect of the faults on an attempt starting at `now` on `provider`.
    public mutating func effect(provider: Int, at now: TimeSpan) -> FaultEffect {
        var effect = FaultEffect()
        guard provider < byProvider.count else { return effect }
        for position in byProvider[provider].indices {
            let index = byProvider[provider][position]
            let fault = entries[index].fault
            entries[index].apply(to: &effect, at: now, random: &generators[fault])
        }
        effect.settle()
        return effect
    }

    // MARK: - Faults added while running

    /// Adds `fault` while the run goes on (`airm serve`), active on the targeted providers among
    /// `providers` from `start` to `end`, and returns its index: the next after the faults known
    /// so far, which is what `FaultEffect.decidedBy` names. Its probability draws come from the
    /// stream `fault:<name>#<index>`, so a name used twice does not repeat the same draws.
    public mutating func add(_ fault: Fault, start: TimeSpan, end: TimeSpan, providers: [String], seed: UInt64) -> Int {
        let faultIndex = generators.count
        generators.append(SeededGenerator(seed: seed, stream: "fault:\(fault.name)#\(faultIndex)"))
        prune(endedBy: start)
        guard start < end else { return faultIndex }
        for (providerIndex, provider) in providers.enumerated()
        where providerIndex < byProvider.count && fault.target.includes(provider) {
            guard let entry = FaultEntry(fault, index: faultIndex, start: start, end: end) else { continue }
            byProvider[providerIndex].append(entries.count)
            entries.append(entry)
        }
        return faultIndex
    }

    /// Ends fault `index` at `now` if it is still due to run past it: attempts that start from
    /// `now` on are not affected.
    public mutating func end(fault index: Int, at now: TimeSpan) {
        for position in entries.indices where entries[position].fault == index && entries[position].end > now {
            let entry = entries[position]
            entries[position] = FaultEntry(fault: entry.fault, start: min(entry.start, now), end: now,
                                           probability: entry.probability, delay: entry.delay, behavior: entry.behavior)
        }
    }

    /// Drops the entries over by `now`, so a long run that keeps adding faults keeps only the
    /// live ones.
    private mutating func prune(endedBy now: TimeSpan) {
        guard entries.contains(where: { $0.end <= now }) else { return }
        let kept = entries.indices.filter { entries[$0].end > now }
        var renumbered = [Int: Int]()
        for (position, old) in kept.enumerated() { renumbered[old] = position }
        byProvider = byProvider.map { $0.compactMap { renumbered[$0] } }
        entries = kept.map { entries[$0] }
    }
}
