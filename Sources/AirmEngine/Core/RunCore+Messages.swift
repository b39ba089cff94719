import AirmSpec

extension RunCore {
    /// Something that happened to the run, stamped by the driver with the time it happened.
    public enum Input: Sendable, Hashable {
        /// A request of `stream` arrives; it was due at `scheduledAt` (a live driver may be late).
        /// `user` marks a closed-model user's send.
        case arrival(stream: Int, user: Bool, scheduledAt: TimeSpan)
        /// A call from outside any traffic stream (`airm serve`), numbered `ticket` by the driver,
        /// starting on `provider`'s leg of the route (the whole route when `nil` or not in the
        /// route). Its end is appended to `answers`.
        case call(ticket: UInt64, provider: Int?)
        /// The attempt in flight for `request` ended.
        case attemptEnded(request: Int32, result: AttemptResult, retryAfter: TimeSpan?)
        /// A timer the core armed is due.
        case timer(Timer)
    }

    /// What a driver must do for the core. (Samples to record come apart, in `samples`.)
    public enum Command: Sendable, Hashable {
        /// Start an attempt; report its end with `.attemptEnded(request:…)`.
        case start(Attempt)
        /// Deliver `.timer(timer)` at `at`.
        case arm(Timer, at: TimeSpan)
    }

    /// A timer the core needs.
    public enum Timer: Sendable, Hashable {
        /// The breaker of `provider` is due to leave `open`.
        case breaker(provider: Int)
        /// `request`'s retry wait is over.
        case retry(request: Int32)
        /// A closed-model user of `stream` sends its next request.
        case send(stream: Int)
    }

    /// An attempt to start: on `provider`, with the active faults' `effect`, ending by `limit` at the latest.
    public struct Attempt: Sendable, Hashable {
        public let request: Int32
        /// `RequestSample.noStream` for a call.
        public let stream: Int
        /// The call's ticket; 0 for a stream's request.
        public let ticket: UInt64
        /// The request's number within its stream, from 0: which prompt it sends.
        public let ordinal: Int
        public let provider: Int
        public let limit: TimeSpan
        public let effect: FaultEffect
    }

    /// How a call (`Input.call`) ended: what the driver awaits to answer it.
    public struct Answer: Sendable, Hashable {
        public let ticket: UInt64
        public let outcome: RequestOutcome
        /// Attempts let through by breakers, over every provider.
        public let attempts: Int
        /// The provider of the last attempt, when one was let through.
        public let provider: Int?
        /// For a `failed` call: the kind of its last failure, when one is known.
        public let failure: ErrorKind?
    }

    /// One observation, in the order the run made it.
    public enum Sample: Sendable, Hashable {
        case request(RequestSample)
        case attempt(AttemptSample)
        case rejection(provider: Int, at: TimeSpan)
        case transition(TransitionRecord)
    }
}

extension RunCore.Sample {
    /// Gives the sample to `recorder`.
    @inline(__always)
    public func record<R: SampleRecorder>(into recorder: inout R) {
        switch self {
        case .request(let request): recorder.record(request)
        case .attempt(let attempt): recorder.record(attempt)
        case .rejection(let provider, let time): recorder.recordRejection(provider: provider, at: time)
        case .transition(let transition): recorder.record(transition)
        }
    }
}
