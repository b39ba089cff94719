import AirmSpec

/// A circuit breaker as a state machine in virtual time (docs/semantics.md "Breaker").
///
/// It never reads a clock: every call passes `now`, and timed transitions happen only when the
/// driver calls `fire(at:)` at `nextTimer`. A driver asks for a `Permit` when an attempt would
/// start, keeps the `Token` with the attempt, and hands it back with the outcome. Outcomes whose
/// token predates the breaker's last transition are stale: they count nowhere in the breaker.
///
/// Choices the breaker makes (docs/semantics.md "Breaker"):
/// - Outcomes of kinds not in `failures` are ignored while closed: they neither count in the
///   window nor break a run of consecutive failures.
/// - A half-open probe that succeeds counts as a success even when slow; a probe that times
///   out is a failure even when `timeout` is not in `failures`.
/// - The first opening lasts `open_for`; with `open_backoff`, later consecutive openings are
///   capped at its `max`.
/// - While open, a permit is refused with the time left; the driver must fire the timer at
///   `nextTimer` before asking again at or after that time.
public struct CircuitBreaker: Sendable {
    /// Proof that an attempt was let through, carried from `permit` to `record`.
    public struct Token: Sendable, Hashable {
        /// The breaker's transition count when the permit was granted.
        public let generation: UInt32
        /// Whether the permit was a half-open probe.
        public let probe: Bool
    }

    public enum Permit: Sendable, Hashable {
        case granted(Token)
        /// `remaining` is the open time left while `open`; `nil` when no time is known
        /// (half-open probes used up, forced open).
        case rejected(remaining: TimeSpan?)
    }

    public let provider: String
    public let policy: BreakerPolicy
    let failureKinds: ErrorKindSet

    public internal(set) var state: BreakerState = .closed
    /// Bumped on every transition; permits granted before it are stale.
    public internal(set) var generation: UInt32 = 0

    // closed
    var window: OutcomeWindow
    var consecutiveFailures = 0
    // open
    var openedAt = TimeSpan.zero
    var openUntil = TimeSpan.zero
    /// The length of the current opening, re-trips included: named in the half-open reason.
    var openFor = TimeSpan.zero
    /// Openings since the breaker last closed: the k of `open_backoff`.
    var openings = 0
    // half_open
    var probesGranted = 0
    var probeSuccesses = 0
    var probeFailures = 0

    public init(provider: String, policy: BreakerPolicy) {
        self.provider = provider
        self.policy = policy
        failureKinds = ErrorKindSet(policy.failures)
        window = OutcomeWindow(policy.window)
    }

    /// When the breaker next changes state by itself: the end of the current opening.
    public var nextTimer: TimeSpan? { state == .open ? openUntil : nil }

    // MARK: - Permits

    /// Whether an attempt may start now. Half-open permits are counted as probes.
    public mutating func permit(at now: TimeSpan) -> Permit {
        switch state {
        case .closed, .disabled:
            return .granted(Token(generation: generation, probe: false))
        case .open:
            return .rejected(remaining: max(.zero, openUntil - now))
        case .forcedOpen:
            return .rejected(remaining: nil)
        case .halfOpen:
            guard probesGranted < max(1, policy.halfOpen.probes) else { return .rejected(remaining: nil) }
            probesGranted += 1
            return .granted(Token(generation: generation, probe: true))
        }
    }

    // MARK: - Outcomes

    /// Counts the outcome of an attempt let through with `token`; returns the transition it caused.
    public mutating func record(_ result: AttemptResult, token: Token, at now: TimeSpan) -> TransitionRecord? {
        guard token.generation == generation else { return nil }
        switch state {
        case .closed: return recordClosed(result, at: now)
        case .halfOpen where token.probe: return recordProbe(result, at: now)
        default: return nil
        }
    }

    private mutating func recordClosed(_ result: AttemptResult, at now: TimeSpan) -> TransitionRecord? {
        let failure: Bool
        let slow: Bool
        switch result {
        case .success(let isSlow):
            failure = false
            slow = isSlow && policy.slowCall != nil
        case .failure(let kind):
            guard failureKinds.contains(kind) else { return nil }
            failure = true
            slow = false
        }
        consecutiveFailures = failure ? consecutiveFailures + 1 : 0
        window.add(failure: failure, slow: slow, at: now)

        if policy.consecutiveFailures > 0, consecutiveFailures >= policy.consecutiveFailures {
            return open(at: now, reason: "\(consecutiveFailures) consecutive failures")
        }
        guard window.count >= max(1, policy.minimumCalls) else { return nil }
        if let threshold = policy.failureRate, CircuitBreaker.reaches(window.failures, of: window.count, threshold) {
            let rate = Double(window.failures) / Double(window.count)
            return open(at: now, reason: "failure rate \(PercentText.format(rate)) ≥ \(PercentText.format(threshold.fraction)) over \(window.count) calls")
        }
        if let rule = policy.slowCall, CircuitBreaker.reaches(window.slow, of: window.count, rule.rate) {
            let rate = Double(window.slow) / Double(window.count)
            return open(at: now, reason: "slow call rate \(PercentText.format(rate)) ≥ \(PercentText.format(rule.rate.fraction)) over \(window.count) calls")
        }
        return nil
    }

    private mutating func recordProbe(_ result: AttemptResult, at now: TimeSpan) -> TransitionRecord? {
        let probes = max(1, policy.halfOpen.probes)
        let needed = min(max(1, policy.halfOpen.closeAfter), probes)
        switch result {
        case .success:
            probeSuccesses += 1
            guard probeSuccesses >= needed else { return nil }
            return transition(to: .closed, at: now, reason: "\(probeSuccesses) of \(probes) probes succeeded")
        case .failure(let kind):
            guard kind == .timeout || failureKinds.contains(kind) else {
                // Ignored by the classification: the permit goes back, the probe does not count.
                probesGranted -= 1
                return nil
            }
            probeFailures += 1
            // Closing needs `needed` successes out of the probes that have not failed.
            guard probes - probeFailures < needed else { return nil }
            return open(at: now, reason: "probe failed: \(kind.rawValue)")
        }
    }

    /// Whether `part / whole` is at or above `threshold`, tolerant of binary rounding.
    static func reaches(_ part: Int, of whole: Int, _ threshold: Ratio) -> Bool {
        whole > 0 && Double(part) / Double(whole) >= threshold.fraction - 1e-12
    }

    // MARK: - Timers

    /// Fires the timed transition due at `now`, if any: open → half_open when the opening ends.
    public mutating func fire(at now: TimeSpan) -> TransitionRecord? {
        guard state == .open, now >= openUntil else { return nil }
        return transition(to: .halfOpen, at: now, reason: "open_for \(openFor) elapsed")
    }
}
