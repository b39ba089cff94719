import AirmEngine
import AirmSpec

extension Gateway {
    /// The longest an injected fault may last.
    public static let maxFaultLength = TimeSpan.seconds(24 * 3600)

    /// Why a fault was refused.
    public enum FaultProblem: Error, Sendable, Equatable {
        /// The fault names a provider the gateway does not have.
        case unknownTarget(String)
        /// The fault has no end: `for` or `until` is needed.
        case unbounded
        /// It would last longer than `maxFaultLength`.
        case tooLong(TimeSpan)
    }

    /// Puts the configuration's faults on their schedule from start-up: each is announced when it
    /// starts and when it ends.
    public func scheduleConfiguredFaults() {
        for (index, window) in plan.faults.enumerated() {
            guard let span = window.span, span.start < span.end else { continue }
            let status = FaultStatus(index: index, name: window.name, type: window.type, target: window.target.text,
                                     origin: .config, start: span.start, end: span.end)
            track(status)
        }
    }

    /// Adds `fault` now: active from `now + at` for its `for`, or until `until` from now, then
    /// rolled back by itself. The fault's window, or why it was refused.
    public func inject(_ fault: Fault) -> Result<FaultStatus, FaultProblem> {
        if case .providers(let targets) = fault.target, let unknown = targets.first(where: { !names.contains($0) }) {
            return .failure(.unknownTarget(unknown))
        }
        let now = now()
        let start = now + fault.at.offset
        let end: TimeSpan
        switch fault.end {
        case .for(let length): end = start + length
        case .until(let reference): end = now + reference.offset
        case .runEnd: return .failure(.unbounded)
        }
        guard end - now <= Self.maxFaultLength else { return .failure(.tooLong(end - now)) }
        let index = core.inject(fault, from: start, to: max(start, end))
        let status = FaultStatus(index: index, name: fault.name, type: fault.kind.typeName, target: fault.target.text,
                                 origin: .injected, start: start, end: max(start, end))
        track(status)
        return .success(status)
    }

    /// Stops the faults called `name` (every fault when `nil`) at once; the ones stopped.
    public func stopFaults(named name: String?) -> [FaultStatus] {
        let now = now()
        let stopping = faults.values.filter { name == nil || $0.name == name }.sorted { $0.index < $1.index }
        for status in stopping {
            faults[status.index] = nil
            core.endFault(status.index, at: now)
            if status.start <= now { emit(.faultStopped(status, early: true), at: now) }
        }
        return stopping
    }

    /// The faults not over yet, active or still to come, in the order they were added.
    public func pendingFaults() -> [FaultStatus] {
        let now = now()
        return faults.values.filter { $0.end > now }.sorted { $0.index < $1.index }
    }

    /// Keeps `status` until its end, announcing its start and its end when they come.
    private func track(_ status: FaultStatus) {
        faults[status.index] = status
        let index = status.index
        let announceStart: @Sendable (isolated Gateway) -> Void = { gateway in
            guard let current = gateway.faults[index] else { return }
            gateway.emit(.faultStarted(current), at: current.start)
        }
        if status.start <= now() { announceStart(self) } else { after(status.start, announceStart) }
        after(status.end) { gateway in
            guard let current = gateway.faults.removeValue(forKey: index) else { return }
            gateway.emit(.faultStopped(current, early: false), at: current.end)
        }
    }
}
