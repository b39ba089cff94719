import AirmEngine
import AirmSpec

/// The faults posted to a running fake server, applied on top of its behaviour.
///
/// A posted fault is exactly an entry of an experiment's `faults:`, read by the same loader
/// with the same fault types, and it does what the engine says it does (`FaultEntry`,
/// `FaultDelivery`): the fake speaks the engine's vocabulary (docs/experiment-format.md "The
/// fake's control API"). `at`, `for` and `until` count from the moment of posting.
///
/// A posted fault must target providers the fake knows: the API types, the names it was given
/// (an experiment's providers), and the names calls have come in under (`/gemini-eu/…`); any
/// other target is refused, as in a file.
///
/// Time is the server's (since it started), passed in, so the board itself is clock-free.
/// Probability draws and jitter come from a fixed-seed generator, so a given sequence of
/// calls is affected the same way on every run.
public actor FaultBoard {
    private struct Posted {
        /// Unique per board: what `FaultEffect.decidedBy` names.
        var id: Int
        var fault: Fault
        var start: TimeSpan
        var end: TimeSpan
        /// The fault's entry per provider name, made on first use (a quota is per provider).
        var entries: [String: FaultEntry] = [:]
    }

    public let faultTypes: FaultVocabulary
    private var posted: [Posted] = []
    private var added = 0
    private var random = SeededGenerator(seed: 1)
    /// Provider names a posted fault may target, in the order first known.
    private var providers: [String]

    /// A board whose faults may target the API types, `providers`, and names calls come in under.
    public init(faultTypes: FaultVocabulary = FaultTypes.all, providers: [String] = []) {
        self.faultTypes = faultTypes
        self.providers = ProviderAPIs.all.map(\.kind.rawValue)
        for name in providers where !self.providers.contains(name) { self.providers.append(name) }
    }

    /// Reads `text` (one fault mapping, YAML or JSON) and adds it at `now`; the fault, or the
    /// diagnostics that refuse it.
    public func post(_ text: String, now: TimeSpan) -> Result<Fault, FaultRefusal> {
        let loaded = ExperimentLoader.loadFault(source: text, file: "fault", faultTypes: faultTypes, providers: providers)
        guard let fault = loaded.fault, !loaded.hasErrors else { return .failure(FaultRefusal(diagnostics: loaded.diagnostics)) }
        add(fault, now: now)
        return .success(fault)
    }

    /// Adds a fault at `now`: active from `now + at` to its `for` or `until` (from `now`), or
    /// until cleared. A fault whose type has no effect in the engine is never active.
    public func add(_ fault: Fault, now: TimeSpan) {
        added += 1
        let start = now + fault.at.offset
        let end: TimeSpan
        switch fault.end {
        case .for(let length): end = start + length
        case .until(let reference): end = now + reference.offset
        case .runEnd: end = TimeSpan(nanoseconds: .max)
        }
        posted.append(Posted(id: added, fault: fault, start: start, end: end))
    }

    /// Removes every fault; returns how many were active.
    @discardableResult
    public func clear() -> Int {
        defer { posted = [] }
        return posted.count
    }

    /// The faults not yet over at `now`.
    public func list(now: TimeSpan) -> [Fault] {
        prune(now)
        return posted.map(\.fault)
    }

    /// Applies the active faults to one call, as the engine applies an experiment's faults to
    /// an attempt: the first failing fault in posting order replaces `base`; every applying
    /// `latency` and `stall` fault adds its time.
    public func apply(to base: FakeDecision, provider: String, now: TimeSpan) -> FakeDecision {
        if !providers.contains(provider) { providers.append(provider) }
        prune(now)
        var effect = FaultEffect()
        for index in posted.indices where posted[index].fault.target.includes(provider) {
            if posted[index].entries[provider] == nil {
                let item = posted[index]
                posted[index].entries[provider] = FaultEntry(item.fault, index: item.id, start: item.start, end: item.end)
            }
            posted[index].entries[provider]?.apply(to: &effect, at: now, random: &random)
        }
        effect.settle()
        let decider = effect.decidedBy.flatMap { id in posted.first { $0.id == id }?.entries[provider]?.behavior }
        let delivery = decider?.delivery(of: effect.outcome) ?? .standard(for: effect.outcome)
        return Self.decision(effect, delivery: delivery, base: base)
    }

    // MARK: - Helpers

    private func prune(_ now: TimeSpan) {
        posted.removeAll { $0.end <= now }
    }

    /// The fake's answer for an effect: an injected answer replaces `base`; a spoiled one keeps
    /// its timing; added time goes before the answer, a stall into it.
    static func decision(_ effect: FaultEffect, delivery: FaultDelivery, base: FakeDecision) -> FakeDecision {
        let added = effect.addedDelay - (effect.stall?.gap ?? .zero)
        var decision = base
        switch effect.outcome {
        case .hang:
            return FakeDecision(.hang)
        case .answer(_, let after, let retryAfter):
            let delay = after + effect.addedDelay
            switch delivery {
            case .respond(let status): return FakeDecision(.error(status: status, retryAfter: retryAfter), delay: delay)
            case .reset: return FakeDecision(.reset, delay: delay)
            case .hang: return FakeDecision(.hang)
            case .refuse, .real, .corrupt, .cut, .endAfter, .resetAfter: return FakeDecision(.close, delay: delay)
            }
        case .passThrough:
            break
        case .corrupt, .cut:
            switch delivery {
            case .corrupt(let how): decision.action = .corrupt(how)
            case .cut(let cut): decision.action = .cut(cut, ending: .truncated)
            case .endAfter(let cut): decision.action = .cut(cut, ending: .clean)
            case .resetAfter(let cut): decision.action = .cut(cut, ending: .reset)
            case .real, .respond, .refuse, .reset, .hang: break
            }
        }
        decision.delay += added
        decision.stall = effect.stall
        return decision
    }
}

/// Why a posted fault was refused: the loader's located diagnostics.
public struct FaultRefusal: Error, Sendable {
    public var diagnostics: [Diagnostic]

    /// Every error, one per line, with its place in the posted text.
    public var message: String {
        diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
    }
}
