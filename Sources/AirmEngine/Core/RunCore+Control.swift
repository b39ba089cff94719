import AirmSpec

extension RunCore {
    // MARK: - Breakers by hand

    /// What an operator can do to a breaker while the run goes on (`airm serve`).
    public enum BreakerAction: String, Sendable, Hashable, CaseIterable {
        /// Back to `closed`, with a fresh window.
        case reset
        /// `forced_open`: every call is refused until a reset or a disable.
        case forceOpen = "force_open"
        /// `disabled`: every call is let through and nothing is counted.
        case disable
    }

    /// Applies `action` to the breaker of `provider` at `now`; the transition it caused, if any,
    /// is also appended to `samples` (and its timer armed), like any other.
    @discardableResult
    public mutating func control(_ action: BreakerAction, provider: Int, at now: TimeSpan) -> TransitionRecord? {
        let record: TransitionRecord?
        switch action {
        case .reset: record = breakers[provider].reset(at: now)
        case .forceOpen: record = breakers[provider].forceOpen(at: now)
        case .disable: record = breakers[provider].disable(at: now)
        }
        if let record { note(record, provider: provider) }
        return record
    }

    // MARK: - Faults added while running

    /// Adds `fault`, active from `start` to `end` on the providers it targets, and returns its
    /// index: past `plan.experiment.faults`, as `FaultEffect.decidedBy` names it.
    public mutating func inject(_ fault: Fault, from start: TimeSpan, to end: TimeSpan) -> Int {
        let index = faults.add(fault, start: start, end: end, providers: plan.providers.map(\.name), seed: plan.seed)
        addedFaults.append(fault)
        return index
    }

    /// Ends fault `index` at `now`: attempts that start from then on are not affected by it.
    public mutating func endFault(_ index: Int, at now: TimeSpan) {
        faults.end(fault: index, at: now)
    }

    /// The fault that `FaultEffect.decidedBy` names: one of the file's, or one added since.
    public func fault(_ index: Int) -> Fault? {
        let known = plan.experiment.faults
        if index >= 0, index < known.count { return known[index] }
        let added = index - known.count
        return added >= 0 && added < addedFaults.count ? addedFaults[added] : nil
    }
}
