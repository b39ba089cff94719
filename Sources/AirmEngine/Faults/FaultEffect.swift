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
        /// The stream is cut (or reset): `connection` at the earlier of the cut and the provider's latency.
        case cut(Fault.StreamCut)
    }

    /// A pause in a real answer: `gap` long, `after` into it.
    public struct Stall: Sendable, Hashable {
        public var after: TimeSpan
        public var gap: TimeSpan

        public init(after: TimeSpan, gap: TimeSpan) {
            self.after = after
            self.gap = gap
        }
    }

    public var outcome: Outcome = .passThrough
    /// Time added to the outcome: every applying `latency` fault, plus `stall` gaps.
    public var addedDelay: TimeSpan = .zero
    /// The applying `stall` faults, when the provider's own answer is kept: the sum of their
    /// gaps (already in `addedDelay`), from the earliest `after`. A live run pauses the real
    /// answer there instead of delaying the call.
    public var stall: Stall?
    /// Index into `Experiment.faults` of the fault that decided the outcome, if any.
    public var decidedBy: Int?

    public init(outcome: Outcome = .passThrough, addedDelay: TimeSpan = .zero, stall: Stall? = nil, decidedBy: Int? = nil) {
        self.outcome = outcome
        self.addedDelay = addedDelay
        self.stall = stall
        self.decidedBy = decidedBy
    }

    // MARK: - Building an effect

    /// Whether a failing fault has decided the outcome already.
    public var isDecided: Bool { decidedBy != nil }

    /// Records the outcome a failing fault decided. On a `corrupt` or `cut` outcome the
    /// fault's `delay:` adds to the provider's own latency, so `delay:` always slows the failure
    /// it is given on; an injected answer carries its delay itself.
    public mutating func decide(_ outcome: Outcome, by attempt: FaultAttempt) {
        self.outcome = outcome
        decidedBy = attempt.fault
        switch outcome {
        case .corrupt, .cut: addedDelay += attempt.delay
        case .passThrough, .answer, .hang: break
        }
    }

    /// Adds a stall of `gap` starting `after` into the answer to those already applying.
    public mutating func addStall(after: TimeSpan, gap: TimeSpan) {
        stall = Stall(after: min(after, stall?.after ?? after), gap: gap + (stall?.gap ?? .zero))
    }

    /// Closes the effect once every fault has applied: a stall needs a real answer to stall, so
    /// its gaps count only when the provider answers.
    public mutating func settle() {
        switch outcome {
        case .passThrough, .corrupt, .cut: addedDelay += stall?.gap ?? .zero
        case .answer, .hang: stall = nil
        }
    }
}
