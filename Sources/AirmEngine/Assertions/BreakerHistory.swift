import AirmSpec

/// One breaker's transitions over the run, read as a function of time.
struct BreakerHistory: Sendable {
    let provider: String
    /// This breaker's transitions in time order.
    let transitions: [TransitionRecord]
    /// The state before the first transition.
    let initial: BreakerState
    /// The state when the run was over.
    let final: BreakerState

    init(provider: String, transitions: [TransitionRecord], final: BreakerState?) {
        self.provider = provider
        let own = transitions.enumerated()
            .filter { $0.element.provider == provider }
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        self.transitions = own
        let last = own.last?.to ?? final ?? .closed
        self.initial = own.first?.from ?? last
        self.final = final ?? last
    }

    // MARK: - Reading

    /// The state in force just before `time`: after every transition strictly earlier.
    func state(before time: TimeSpan) -> BreakerState {
        transitions.last { $0.at < time }?.to ?? initial
    }

    /// The state at the instant `time`, transitions at `time` included.
    func state(at time: TimeSpan) -> BreakerState {
        transitions.last { $0.at <= time }?.to ?? initial
    }

    /// Transitions that fall in the window, in time order.
    func transitions(in window: EvaluationWindow) -> [TransitionRecord] {
        transitions.filter { window.contains($0.at) }
    }

    /// Times the breaker entered `state` in the window.
    func entries(into state: BreakerState, in window: EvaluationWindow) -> [TimeSpan] {
        transitions(in: window).filter { $0.to == state }.map(\.at)
    }

    /// The states visited in the window in order, repeats collapsed, the state at its start first.
    func visited(in window: EvaluationWindow) -> [BreakerState] {
        var states = [state(before: window.span.start)]
        for transition in transitions(in: window) where transition.to != states.last {
            states.append(transition.to)
        }
        return states
    }

    /// Total time spent in `state` within the window, an ongoing stay clamped at its end, and
    /// whether the breaker was still in that state there.
    func time(in state: BreakerState, within window: EvaluationWindow) -> (total: TimeSpan, ongoing: Bool) {
        let end = window.accountingEnd
        var current = self.state(before: window.span.start)
        var since = window.span.start
        var total = TimeSpan.zero
        for transition in transitions(in: window) where transition.at <= end {
            if current == state { total += transition.at - since }
            current = transition.to
            since = transition.at
        }
        let ongoing = current == state
        if ongoing, end > since { total += end - since }
        return (total, ongoing)
    }
}
