import AirmSpec

extension CircuitBreaker {
    // MARK: - Manual control (`airm serve`)

    /// Opens the breaker now, as from an outside signal, for `duration` (default: the next
    /// opening's length, `open_backoff` included). While already open it can only extend the
    /// deadline, never shorten it, and records no transition.
    public mutating func trip(at now: TimeSpan, for duration: TimeSpan? = nil, reason: String) -> TransitionRecord? {
        open(at: now, for: duration, reason: reason)
    }

    /// Rejects every call until `reset` or `disable`: state `forced_open`.
    public mutating func forceOpen(at now: TimeSpan, reason: String = "forced open") -> TransitionRecord? {
        guard state != .forcedOpen else { return nil }
        return transition(to: .forcedOpen, at: now, reason: reason)
    }

    /// Lets every call through and counts nothing: state `disabled`.
    public mutating func disable(at now: TimeSpan, reason: String = "disabled") -> TransitionRecord? {
        guard state != .disabled else { return nil }
        return transition(to: .disabled, at: now, reason: reason)
    }

    /// Back to `closed` with a fresh window and the opening count reset.
    public mutating func reset(at now: TimeSpan, reason: String = "reset") -> TransitionRecord? {
        guard state != .closed else {
            window.reset()
            consecutiveFailures = 0
            openings = 0
            return nil
        }
        return transition(to: .closed, at: now, reason: reason)
    }

    // MARK: - Opening

    /// The length of the k-th consecutive opening: open_for × multiplier^(k−1), capped at `max`.
    public func openDuration(opening k: Int) -> TimeSpan {
        guard let backoff = policy.openBackoff, k > 1 else { return policy.openFor }
        var factor = 1.0
        for _ in 1..<k {
            factor *= backoff.multiplier
            if Double(policy.openFor.nanoseconds) * factor >= Double(backoff.max.nanoseconds) { return backoff.max }
        }
        return min(policy.openFor * factor, backoff.max)
    }

    mutating func open(at now: TimeSpan, for duration: TimeSpan? = nil, reason: String) -> TransitionRecord? {
        if state == .open {
            let length = duration ?? openDuration(opening: openings)
            if now + length > openUntil {
                openUntil = now + length
                openFor = openUntil - openedAt
            }
            return nil
        }
        openings += 1
        openFor = duration ?? openDuration(opening: openings)
        openedAt = now
        openUntil = now + openFor
        return transition(to: .open, at: now, reason: reason)
    }

    // MARK: - Entering a state

    mutating func transition(to next: BreakerState, at now: TimeSpan, reason: String) -> TransitionRecord {
        let record = TransitionRecord(provider: provider, at: now, from: state, to: next, reason: reason)
        state = next
        generation &+= 1
        switch next {
        case .closed:
            window.reset()
            consecutiveFailures = 0
            openings = 0
        case .halfOpen:
            probesGranted = 0
            probeSuccesses = 0
            probeFailures = 0
        case .open, .forcedOpen, .disabled:
            break
        }
        return record
    }
}
