import AirmSpec

/// A fault type with its effect: on a simulated attempt, and on a live exchange
/// (docs/experiment-format.md "faults").
///
/// An implementation is one file in `Faults/Types` plus one line in `FaultTypes.all`. It must:
/// - in `apply`, change only what the type does: add time (`addedDelay`, `addStall`), or, when
///   the effect is not decided yet, decide it (`FaultEffect.decide`). A failing fault must not
///   touch its own state (a quota) once another fault has decided;
/// - draw from `random` only for its own parameters (jitter), always in the same order, so
///   results stay the same for a seed;
/// - not allocate in `apply`: it runs once per applying fault per simulated attempt.
public protocol FaultBehavior: FaultType {
    /// What this fault does to an attempt it applies to (active, on a targeted provider, its
    /// probability drawn).
    mutating func apply(to effect: inout FaultEffect, attempt: FaultAttempt, random: inout SeededGenerator)

    /// How a live exchange carries out `outcome`, which this fault decided.
    func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery
}

extension FaultBehavior {
    public func delivery(of outcome: FaultEffect.Outcome) -> FaultDelivery { .standard(for: outcome) }
}

/// The attempt a fault applies to.
public struct FaultAttempt: Sendable {
    /// When the attempt starts, on the run's clock (given by the driver; never read here).
    public var startsAt: TimeSpan
    /// When the fault's window started.
    public var windowStart: TimeSpan
    /// The fault's `delay:` (zero when not given).
    public var delay: TimeSpan
    /// The fault's index in `Experiment.faults`.
    public var fault: Int

    public init(startsAt: TimeSpan, windowStart: TimeSpan, delay: TimeSpan, fault: Int) {
        self.startsAt = startsAt
        self.windowStart = windowStart
        self.delay = delay
        self.fault = fault
    }
}
