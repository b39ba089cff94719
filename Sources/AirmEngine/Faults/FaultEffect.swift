import AirmSpec

/// What the active faults do to one attempt, before the provider is consulted.
public struct FaultEffect: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        /// No failing fault applies: the provider answers (latency and stall faults may still add time).
        case passThrough
        /// An injected answer, no call sent: this kind after `after` (the fault's `delay:`, else at once).
        case answer(ErrorKind, after: TimeSpan, retryAfter: TimeSpan?)
        /// Never answers: the attempt times out.
        case hang
        /// The provider answers with its own latency, but the body is unusable: `corrupt`.
        case corrupt
        /// The stream is cut: `connection` at the earlier of the cut and the provider's latency.
        case cut(Fault.StreamCut)
    }

    public var outcome: Outcome = .passThrough
    /// Time added to the outcome: every applying `latency` fault, plus `stall` gaps.
    public var addedDelay: TimeSpan = .zero
    /// Index into `Experiment.faults` of the fault that decided the outcome, if any.
    public var decidedBy: Int?

    public init(outcome: Outcome = .passThrough, addedDelay: TimeSpan = .zero, decidedBy: Int? = nil) {
        self.outcome = outcome
        self.addedDelay = addedDelay
        self.decidedBy = decidedBy
    }
}
