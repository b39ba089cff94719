import AirmSpec

/// One fault resolved to a window on one provider: the unit `FaultSchedule` and the fake
/// server apply.
public struct FaultEntry: Sendable {
    /// Index of the fault in its list (`Experiment.faults`, or the fake's posted faults).
    public let fault: Int
    public let start: TimeSpan
    public let end: TimeSpan
    public let probability: Double
    public let delay: TimeSpan
    /// The fault's type, with any state of its own (a `rate_limit` quota).
    public var behavior: any FaultBehavior

    public init(fault: Int, start: TimeSpan, end: TimeSpan, probability: Double, delay: TimeSpan, behavior: any FaultBehavior) {
        self.fault = fault
        self.start = start
        self.end = end
        self.probability = probability
        self.delay = delay
        self.behavior = behavior
    }

    /// `fault` at `index` over [start, end), or `nil` when its type has no effect in this engine.
    public init?(_ fault: Fault, index: Int, start: TimeSpan, end: TimeSpan) {
        guard let behavior = fault.kind as? any FaultBehavior else { return nil }
        self.init(fault: index, start: start, end: end, probability: fault.probability.fraction,
                  delay: fault.delay ?? .zero, behavior: behavior)
    }

    /// Applies the fault to an attempt starting at `now`, when it is active then and its
    /// probability draw (taken only below 100%) lets it.
    @inline(__always)
    public mutating func apply(to effect: inout FaultEffect, at now: TimeSpan, random: inout SeededGenerator) {
        guard start <= now, now < end else { return }
        if probability < 1, random.nextUnit() >= probability { return }
        behavior.apply(to: &effect, attempt: FaultAttempt(startsAt: now, windowStart: start, delay: delay, fault: fault), random: &random)
    }
}
